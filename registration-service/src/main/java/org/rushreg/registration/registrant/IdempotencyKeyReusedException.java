package org.rushreg.registration.registrant;

import java.util.List;
import org.rushreg.registration.web.Refusal;
import org.springframework.http.HttpStatus;

/** An Idempotency-Key came back with a different request than the one it was first used with. */
public class IdempotencyKeyReusedException extends Refusal {

    private static final String DETAIL = "This Idempotency-Key was already used with a different request; use a new "
            + "key for a new request";

    IdempotencyKeyReusedException() {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused", DETAIL);
        listErrors("Idempotency-Key", List.of(DETAIL));
    }
}
