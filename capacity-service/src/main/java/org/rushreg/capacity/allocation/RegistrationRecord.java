package org.rushreg.capacity.allocation;

import java.util.List;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.RejectionReason;
import org.rushreg.messages.SessionStatus;

/**
 * What the capacity service remembers of a decided registration: no personal data, only the hash of the
 * normalised email. Rejected registrations are remembered too, so that a redelivered command is never decided a
 * second time.
 */
public record RegistrationRecord(String registrationId, RegistrationStatus status, RejectionReason reason,
                                 String emailHash, List<Seat> sessions) {

    public RegistrationRecord {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }

    /** One asked-for session; {@code waitlistPlace} is the place in the session's waitlist when WAITLISTED. */
    public record Seat(String sessionId, SessionStatus status, Long waitlistPlace) {
    }

    boolean active() {
        return status == RegistrationStatus.CONFIRMED || status == RegistrationStatus.WAITLISTED;
    }
}
