package org.rushreg.registration.registrant;

import java.util.List;
import org.rushreg.registration.web.Refusal;
import org.springframework.http.HttpStatus;

/** The Idempotency-Key header is there but unusable. */
public class InvalidIdempotencyKeyException extends Refusal {

    private static final String DETAIL = "The Idempotency-Key header must be 1 to 200 printable ASCII characters";

    InvalidIdempotencyKeyException() {
        super(HttpStatus.BAD_REQUEST, "Invalid Idempotency-Key", DETAIL);
        listErrors("Idempotency-Key", List.of(DETAIL));
    }
}
