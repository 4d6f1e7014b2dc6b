package org.rushreg.messages;

import java.time.Instant;
import java.util.List;

/**
 * The registration-service asks the notification-service what its database holds of these registrations (decision
 * 0050); it answers with a {@link NotificationDataReported} on the same topic and key. Names no person.
 */
public record PersonalDataRequested(String messageId, Instant createdAt, int schemaVersion, String requestId,
                                    String eventId, List<String> registrationIds) implements PersonalDataAccess {

    public PersonalDataRequested {
        registrationIds = registrationIds == null ? List.of() : List.copyOf(registrationIds);
    }

    public static PersonalDataRequested of(String requestId, String eventId, List<String> registrationIds) {
        return new PersonalDataRequested(Schema.newMessageId(), Schema.now(), Schema.VERSION, requestId, eventId,
                registrationIds);
    }
}
