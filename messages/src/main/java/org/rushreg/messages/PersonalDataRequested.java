package org.rushreg.messages;

import java.time.Instant;
import java.util.List;

/**
 * The registration-service asks the notification-service what its database holds of these registrations (decision
 * 0050); it answers with a {@link NotificationDataReported} on the same topic and key, sealed for {@code publicKey}
 * (Base64 of its X.509 encoding; {@link SealedData}): without a usable one, nothing is answered. Names no person.
 */
public record PersonalDataRequested(String messageId, Instant createdAt, int schemaVersion, String requestId,
                                    String eventId, List<String> registrationIds, String publicKey)
        implements PersonalDataAccess {

    public PersonalDataRequested {
        registrationIds = registrationIds == null ? List.of() : List.copyOf(registrationIds);
    }

    public static PersonalDataRequested of(String requestId, String eventId, List<String> registrationIds,
                                           String publicKey) {
        return new PersonalDataRequested(Schema.newMessageId(), Schema.now(), Schema.VERSION, requestId, eventId,
                registrationIds, publicKey);
    }
}
