package org.rushreg.messages;

import java.time.Instant;
import java.util.List;

/**
 * A person asks for seats in one or more sessions of an event. {@code sector} and {@code consents} are not used by
 * the allocation; they travel with the command so the read model can record the registration without the request
 * waiting for a database write. Both may be null in commands written before they existed.
 */
public record RegisterAttendee(String messageId, Instant createdAt, int schemaVersion, String eventId,
                               String registrationId, Registrant registrant, List<String> sessionIds,
                               String locale, String sector, ConsentRecord consents) implements RegistrationCommand {

    public RegisterAttendee {
        sessionIds = sessionIds == null ? List.of() : List.copyOf(sessionIds);
    }

    public static RegisterAttendee of(String eventId, String registrationId, Registrant registrant,
                                      List<String> sessionIds, String locale) {
        return of(eventId, registrationId, registrant, sessionIds, locale, null, null);
    }

    public static RegisterAttendee of(String eventId, String registrationId, Registrant registrant,
                                      List<String> sessionIds, String locale, String sector,
                                      ConsentRecord consents) {
        return new RegisterAttendee(Schema.newMessageId(), Schema.now(), Schema.VERSION, eventId, registrationId,
                registrant, sessionIds, locale, sector, consents);
    }
}
