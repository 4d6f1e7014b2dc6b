package org.rushreg.messages;

import java.time.Instant;
import java.util.List;

/**
 * What the capacity-service's state holds of the registrations a {@link ReportPersonalData} named (decision 0050):
 * one entry per registration it knows; a registration it does not know is left out.
 */
public record CapacityDataReported(String messageId, Instant createdAt, int schemaVersion, String requestId,
                                   String eventId, List<HeldRegistration> registrations) implements PersonalDataAccess {

    public CapacityDataReported {
        registrations = registrations == null ? List.of() : List.copyOf(registrations);
    }

    /**
     * One registration record: its status, seats and the keyed digest (HMAC, decision 0022) of the address it keeps
     * while the registration is active and the person is not forgotten (null after).
     */
    public record HeldRegistration(String registrationId, RegistrationStatus status, RejectionReason reason,
                                   String emailDigest, List<HeldSeat> seats, Instant cancelledAt, Instant heldUntil) {

        public HeldRegistration {
            seats = seats == null ? List.of() : List.copyOf(seats);
        }
    }

    /** A session asked for: its status and, while WAITLISTED, the place in the session's waitlist. */
    public record HeldSeat(String sessionId, SessionStatus status, Long waitlistPlace) {
    }
}
