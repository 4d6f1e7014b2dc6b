package org.rushreg.registration.catalogue;

/** Someone asked for an event the catalogue does not have. */
public class UnknownEventException extends RuntimeException {

    public UnknownEventException(String eventId) {
        super("There is no event with id '" + eventId + "'");
    }
}
