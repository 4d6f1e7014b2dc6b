package org.rushreg.registration.registration;

/** There is no registration with the given id. */
public class UnknownRegistrationException extends RuntimeException {

    UnknownRegistrationException(String registrationId) {
        super("There is no registration with id '" + registrationId + "'");
    }
}
