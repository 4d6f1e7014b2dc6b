package org.rushreg.registration.registrant;

import java.util.List;
import org.rushreg.registration.web.Refusal;
import org.springframework.http.HttpStatus;

/** The asked-for sessions do not fit the event: unknown, repeated or at the same time. */
public class InvalidSessionChoiceException extends Refusal {

    InvalidSessionChoiceException(List<String> problems) {
        super(HttpStatus.BAD_REQUEST, "Invalid session choice", "sessionIds: " + String.join("; ", problems));
        listErrors("sessionIds", problems);
    }
}
