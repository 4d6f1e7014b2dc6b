package org.rushreg.messages;

import java.time.Instant;
import java.util.List;

/**
 * A freed seat went to the head of a session's waitlist. It names no recipient: the capacity service keeps no
 * personal data, so the notification service addresses it from the registration's earlier decision.
 */
public record RegistrationPromoted(String messageId, Instant createdAt, int schemaVersion, String registrationId,
                                   String eventId, String sessionId, RegistrationStatus status,
                                   List<SessionOutcome> sessions, EventSummary event) implements RegistrationOutcome {

    public RegistrationPromoted {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }
}
