package org.rushreg.messages;

import java.time.Instant;
import java.util.List;

/**
 * An organiser answers a person's access request (GDPR Art. 15, decision 0050): the capacity-service, in order with
 * the event's other commands, reports what its state holds of these registrations on
 * {@link Topics#PERSONAL_DATA_ACCESS} as a {@link CapacityDataReported}. Changes no state. Names no person: only the
 * registration ids the registration-service's read model holds under their address, and the public key (Base64 of its
 * X.509 encoding) the answer is sealed for ({@link SealedData}): without a usable one, nothing is answered.
 */
public record ReportPersonalData(String messageId, Instant createdAt, int schemaVersion, String eventId,
                                 String requestId, List<String> registrationIds, String publicKey)
        implements RegistrationCommand {

    public ReportPersonalData {
        registrationIds = registrationIds == null ? List.of() : List.copyOf(registrationIds);
    }

    public static ReportPersonalData of(String eventId, String requestId, List<String> registrationIds,
                                        String publicKey) {
        return new ReportPersonalData(Schema.newMessageId(), Schema.now(), Schema.VERSION, eventId, requestId,
                registrationIds, publicKey);
    }
}
