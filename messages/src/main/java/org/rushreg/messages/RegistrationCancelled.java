package org.rushreg.messages;

import java.time.Instant;
import java.util.List;

/** A registration gave its seats back; its sessions are all CANCELLED. Addressed like {@link RegistrationPromoted}. */
public record RegistrationCancelled(String messageId, Instant createdAt, int schemaVersion, String registrationId,
                                    String eventId, List<SessionOutcome> sessions, EventSummary event)
        implements RegistrationOutcome {

    public RegistrationCancelled {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }
}
