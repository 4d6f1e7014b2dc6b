package org.rushreg.messages;

import java.time.Instant;
import java.util.List;

/**
 * The first and only decision on a {@link RegisterAttendee}. {@code commandId} is the message id of that
 * command and {@code requestedAt} its creation time, so latency from request to decision can be measured.
 * {@code reason} is set when {@code status} is REJECTED. The recipient travels with the decision because
 * the capacity service keeps no personal data in its state.
 */
public record RegistrationDecided(String messageId, Instant createdAt, int schemaVersion, String registrationId,
                                  String eventId, String commandId, Instant requestedAt, RegistrationStatus status,
                                  RejectionReason reason, List<SessionOutcome> sessions, EventSummary event,
                                  Recipient recipient) implements RegistrationOutcome {

    public RegistrationDecided {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }
}
