package org.rushreg.registration.registrant;

import org.rushreg.registration.web.Refusal;
import org.springframework.http.HttpStatus;

/** A change of a registration came without a valid manage-link token. */
public class InvalidManageTokenException extends Refusal {

    InvalidManageTokenException() {
        super(HttpStatus.FORBIDDEN, "Not allowed", "The manage link token is missing, invalid or expired; use the "
                + "link from your confirmation email");
    }
}
