package org.rushreg.registration.organiser.messages;

import org.rushreg.registration.web.Refusal;
import org.springframework.http.HttpStatus;

/** A message addressed to a session the event does not have. */
class UnknownSessionException extends Refusal {

    UnknownSessionException(String eventId, String sessionId) {
        super(HttpStatus.NOT_FOUND, "Unknown session", "Event " + eventId + " has no session '" + sessionId
                + "': leave sessionId out to address the whole event, or take an id from GET /api/events/" + eventId);
    }
}
