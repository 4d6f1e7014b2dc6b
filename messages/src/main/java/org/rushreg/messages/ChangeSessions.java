package org.rushreg.messages;

import java.time.Instant;
import java.util.List;

/**
 * The registrant of an active registration asks for another set of sessions: seats of sessions still asked for are
 * kept, the others are given back, new ones are decided as for a new registration. Answered by one
 * {@link SessionsChanged}; a repeat of the same command (same {@code messageId}) changes nothing again.
 */
public record ChangeSessions(String messageId, Instant createdAt, int schemaVersion, String eventId,
                             String registrationId, List<String> sessionIds) implements RegistrationCommand {

    public ChangeSessions {
        sessionIds = sessionIds == null ? List.of() : List.copyOf(sessionIds);
    }

    public static ChangeSessions of(String eventId, String registrationId, List<String> sessionIds) {
        return new ChangeSessions(Schema.newMessageId(), Schema.now(), Schema.VERSION, eventId, registrationId,
                sessionIds);
    }
}
