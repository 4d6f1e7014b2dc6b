package org.rushreg.messages;

import java.time.Instant;
import java.util.List;

/**
 * A registration held for email verification was not verified by {@code heldUntil}: its seats and waitlist places
 * went back (the waitlists moved up as for a cancellation) and its sessions are all CANCELLED. Decided once, by the
 * single writer on its own clock (decision 0030). Addressed like {@link RegistrationPromoted}.
 */
public record RegistrationHoldExpired(String messageId, Instant createdAt, int schemaVersion, String registrationId,
                                      String eventId, Instant heldUntil, List<SessionOutcome> sessions,
                                      EventSummary event) implements RegistrationOutcome {

    public RegistrationHoldExpired {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }
}
