package org.rushreg.messages;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * An access request and the stores' answers to it (GDPR Art. 15, decision 0050), on
 * {@link Topics#PERSONAL_DATA_ACCESS}, keyed by request id. The answers carry personal data only sealed for the key of
 * the waiting request ({@link SealedData}), which never leaves its memory: once it ends, nobody can read them. The JSON
 * form names the kind in a {@code type} field.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = PersonalDataRequested.class, name = "PersonalDataRequested"),
    @JsonSubTypes.Type(value = CapacityDataReported.class, name = "CapacityDataReported"),
    @JsonSubTypes.Type(value = NotificationDataReported.class, name = "NotificationDataReported")
})
public sealed interface PersonalDataAccess
        permits PersonalDataRequested, CapacityDataReported, NotificationDataReported {

    String messageId();

    Instant createdAt();

    int schemaVersion();

    String requestId();

    String eventId();
}
