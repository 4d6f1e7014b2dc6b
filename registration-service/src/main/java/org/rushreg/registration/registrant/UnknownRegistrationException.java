package org.rushreg.registration.registrant;

import org.rushreg.registration.web.Refusal;
import org.springframework.http.HttpStatus;

/** There is no registration with the given id. */
public class UnknownRegistrationException extends Refusal {

    UnknownRegistrationException(String registrationId) {
        super(HttpStatus.NOT_FOUND, "Unknown registration", "There is no registration with id '" + registrationId
                + "'");
    }
}
