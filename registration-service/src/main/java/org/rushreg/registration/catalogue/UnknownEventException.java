package org.rushreg.registration.catalogue;

import org.rushreg.registration.web.Refusal;
import org.springframework.http.HttpStatus;

/** Someone asked for an event the catalogue does not have. */
public class UnknownEventException extends Refusal {

    public UnknownEventException(String eventId) {
        super(HttpStatus.NOT_FOUND, "Unknown event", "There is no event with id '" + eventId + "'");
    }
}
