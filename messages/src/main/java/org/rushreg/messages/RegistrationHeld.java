package org.rushreg.messages;

import java.time.Instant;
import java.util.List;

/**
 * The first answer to a registration for an event that requires email verification (decision 0030): its seats and
 * waitlist places are held, as {@code sessions} say, until {@code heldUntil}. The email to {@code recipient} carries
 * the verification link; following it in time brings the {@link RegistrationDecided}, not following it a
 * {@link RegistrationHoldExpired}. {@code status} is what the registration holds (CONFIRMED or WAITLISTED), not yet
 * a decision. Fields as in {@link RegistrationDecided}.
 */
public record RegistrationHeld(String messageId, Instant createdAt, int schemaVersion, String registrationId,
                               String eventId, String commandId, Instant requestedAt, RegistrationStatus status,
                               List<SessionOutcome> sessions, Instant heldUntil, EventSummary event,
                               Recipient recipient) implements RegistrationOutcome {

    public RegistrationHeld {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }
}
