package org.rushreg.messages;

import java.time.Instant;
import java.util.List;

/**
 * An organiser cancelled a session this registration held a seat in or waited for (a {@link ConfigureEvent} marking
 * it {@link SessionDefinition#cancelled()}, decision 0036): its seat or waitlist place is given back, and nobody is
 * promoted into it. One message per registration and cancelled session; the message id is derived from the
 * ConfigureEvent ({@code commandId}), the session and the registration, so a repeat produces the same message.
 * {@code session} is the cancelled session (status CANCELLED, its title and time as they were), {@code heldBefore}
 * what the registration had in it (CONFIRMED or WAITLISTED), {@code sessions} every session of the registration
 * after it and {@code status} the registration's status after it: CANCELLED when it holds nothing any more (its
 * address may register again). Like {@link RegistrationPromoted} it names no recipient.
 */
public record SessionCancelledByOrganiser(String messageId, Instant createdAt, int schemaVersion,
                                          String registrationId, String eventId, String commandId,
                                          RegistrationStatus status, SessionOutcome session, SessionStatus heldBefore,
                                          List<SessionOutcome> sessions, EventSummary event)
        implements RegistrationOutcome {

    public SessionCancelledByOrganiser {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }
}
