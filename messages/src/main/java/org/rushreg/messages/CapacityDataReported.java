package org.rushreg.messages;

import java.security.KeyPair;
import java.time.Instant;
import java.util.List;

/**
 * What the capacity-service's state holds of the registrations a {@link ReportPersonalData} named (decision 0050),
 * {@code sealed} for the request's public key ({@link SealedData}): the JSON of a {@link Held}. Only the ids travel in
 * clear.
 */
public record CapacityDataReported(String messageId, Instant createdAt, int schemaVersion, String requestId,
                                   String eventId, String sealed) implements PersonalDataAccess {

    /** Seals what is held for {@code publicKey}; an {@link IllegalArgumentException} when that is not usable. */
    public static CapacityDataReported seal(String messageId, Instant createdAt, String requestId, String eventId,
                                              Held held, String publicKey) {
        return new CapacityDataReported(messageId, createdAt, Schema.VERSION, requestId, eventId,
                SealedData.seal(MessageJson.toBytes(held), publicKey));
    }

    /** What was sealed; an {@link IllegalArgumentException} when {@code key} cannot open it. */
    public Held open(KeyPair key) {
        return MessageJson.fromBytes(SealedData.open(sealed, key), Held.class);
    }

    /** One entry per registration the state knows; a registration it does not know is left out. */
    public record Held(List<HeldRegistration> registrations) {

        public Held {
            registrations = registrations == null ? List.of() : List.copyOf(registrations);
        }
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
