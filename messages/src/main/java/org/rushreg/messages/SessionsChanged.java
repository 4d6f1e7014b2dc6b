package org.rushreg.messages;

import java.time.Instant;
import java.util.List;

/**
 * The answer to a {@link ChangeSessions} ({@code commandId} is its message id). When {@code reason} is null the
 * change was made: {@code sessions} is every session the registration now asks for with its state (kept seats,
 * and new ones CONFIRMED, WAITLISTED or REJECTED as for a new registration) and {@code released} the sessions it
 * gave back (CANCELLED). When {@code reason} is set nothing changed: {@code sessions} is the registration as it
 * was, {@code released} is empty, and {@code status} is the registration's unchanged status (null for a
 * registration the capacity service does not know). Like {@link RegistrationPromoted} it names no recipient: the
 * notification service addresses it from the registration's first decision.
 */
public record SessionsChanged(String messageId, Instant createdAt, int schemaVersion, String registrationId,
                              String eventId, String commandId, RegistrationStatus status, RejectionReason reason,
                              List<SessionOutcome> sessions, List<SessionOutcome> released, EventSummary event)
        implements RegistrationOutcome {

    public SessionsChanged {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
        released = released == null ? List.of() : List.copyOf(released);
    }

    /** Whether the change was made (else {@link #reason()} says why not). */
    public boolean applied() {
        return reason == null;
    }
}
