package org.rushreg.messages;

import java.time.Instant;

/** The registrant (or an organiser) gives the seats of a registration back. */
public record CancelRegistration(String messageId, Instant createdAt, int schemaVersion, String eventId,
                                 String registrationId) implements RegistrationCommand {

    public static CancelRegistration of(String eventId, String registrationId) {
        return new CancelRegistration(Schema.newMessageId(), Schema.now(), Schema.VERSION, eventId, registrationId);
    }
}
