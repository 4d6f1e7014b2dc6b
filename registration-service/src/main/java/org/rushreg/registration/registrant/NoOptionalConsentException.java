package org.rushreg.registration.registrant;

import org.rushreg.registration.web.Refusal;
import org.springframework.http.HttpStatus;

/** A withdrawal of the optional consent for a registration that never gave it. */
class NoOptionalConsentException extends Refusal {

    NoOptionalConsentException() {
        super(HttpStatus.CONFLICT, "No consent to withdraw", "This registration did not agree to news about future "
                + "events, so there is nothing to withdraw; nothing was changed");
    }
}
