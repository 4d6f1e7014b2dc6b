package org.rushreg.registration.registrant;

import org.rushreg.registration.web.Refusal;
import org.springframework.http.HttpStatus;

/** The form came back with its hidden honeypot field filled in: a bot, not a person. The answer says no more. */
public class HoneypotFilledException extends Refusal {

    HoneypotFilledException() {
        super(HttpStatus.BAD_REQUEST, "Bad request", "The form could not be accepted");
    }
}
