package org.rushreg.messages;

import java.time.Instant;

/**
 * The retention period of an event is over and the registration-service has erased its people from the read model
 * (decision 0039): every other service now forgets the event's people too, each once, on
 * {@link Topics#PERSONAL_DATA_EXPIRATIONS} (key: the event). Names no person: only the event.
 */
public record EventPersonalDataExpired(String messageId, Instant createdAt, int schemaVersion, String eventId) {

    public static EventPersonalDataExpired of(String eventId) {
        return new EventPersonalDataExpired(Schema.newMessageId(), Schema.now(), Schema.VERSION, eventId);
    }
}
