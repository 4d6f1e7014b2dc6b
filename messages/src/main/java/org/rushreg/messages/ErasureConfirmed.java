package org.rushreg.messages;

import java.time.Instant;

/**
 * One store has forgotten the person behind one registration of an erasure (decision 0027), on
 * {@link Topics#ERASURE_CONFIRMATIONS}, keyed by erasure id. {@code store} names it (see {@link #NOTIFICATIONS}).
 */
public record ErasureConfirmed(String messageId, Instant createdAt, int schemaVersion, String erasureId,
                               String eventId, String registrationId, String store) {

    /** The registration-service's read model. */
    public static final String READ_MODEL = "registration-service";
    /** The capacity-service's state: confirmed by its {@link RegistrationErased}, written with the change. */
    public static final String CAPACITY = "capacity-service";
    /** The notification-service's recipients and reminder limits. */
    public static final String NOTIFICATIONS = "notification-service";

    public static ErasureConfirmed of(String erasureId, String eventId, String registrationId, String store) {
        return new ErasureConfirmed(Schema.newMessageId(), Schema.now(), Schema.VERSION, erasureId, eventId,
                registrationId, store);
    }
}
