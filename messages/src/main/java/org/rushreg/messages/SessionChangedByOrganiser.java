package org.rushreg.messages;

import java.time.Instant;
import java.util.List;

/**
 * An organiser changed the time or the place of a session this registration holds a seat in or waits for (a new
 * {@link ConfigureEvent}): one message per registration and changed session, decided in the event's order, so every
 * registration decided before the change hears of it and every later one is decided with the new time. {@code
 * commandId} is the ConfigureEvent's message id; the message id is derived from it, the session and the
 * registration, so a repeat of the change produces the same message (and the notification service sends nothing
 * twice). {@code session} is the session as it is now, with this registration's state in it; {@code sessions} every
 * session of the registration. Like {@link RegistrationPromoted} it names no recipient. {@code sessionBefore} and
 * {@code eventBefore} are the session and the event as they were before the change, so the email can show the old
 * time and place beside the new (decision 0036); null in messages written before they were added.
 */
public record SessionChangedByOrganiser(String messageId, Instant createdAt, int schemaVersion,
                                        String registrationId, String eventId, String commandId,
                                        RegistrationStatus status, SessionOutcome session,
                                        List<SessionOutcome> sessions, EventSummary event,
                                        SessionOutcome sessionBefore, EventSummary eventBefore)
        implements RegistrationOutcome {

    public SessionChangedByOrganiser {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }

    /** A change told without what was before (as written before decision 0036). */
    public SessionChangedByOrganiser(String messageId, Instant createdAt, int schemaVersion, String registrationId,
                                     String eventId, String commandId, RegistrationStatus status,
                                     SessionOutcome session, List<SessionOutcome> sessions, EventSummary event) {
        this(messageId, createdAt, schemaVersion, registrationId, eventId, commandId, status, session, sessions, event,
                null, null);
    }
}
