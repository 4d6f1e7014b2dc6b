package org.rushreg.messages;

import java.time.Instant;

/**
 * The person followed the verification link of a registration held for email verification (decision 0030); the
 * registration-service has checked the link's token before sending this. The single writer of the event turns the
 * hold into the decision ({@link RegistrationDecided} with the seats as they are now) when the hold is still there
 * and {@code createdAt} is before its end; otherwise nothing changes (already verified, expired, cancelled).
 */
public record VerifyEmail(String messageId, Instant createdAt, int schemaVersion, String eventId,
                          String registrationId) implements RegistrationCommand {

    public static VerifyEmail of(String eventId, String registrationId) {
        return new VerifyEmail(Schema.newMessageId(), Schema.now(), Schema.VERSION, eventId, registrationId);
    }
}
