package org.rushreg.messages;

import java.time.Instant;
import java.util.List;

/** A person asks for seats in one or more sessions of an event. */
public record RegisterAttendee(String messageId, Instant createdAt, int schemaVersion, String eventId,
                               String registrationId, Registrant registrant, List<String> sessionIds,
                               String locale) implements RegistrationCommand {

    public RegisterAttendee {
        sessionIds = sessionIds == null ? List.of() : List.copyOf(sessionIds);
    }

    public static RegisterAttendee of(String eventId, String registrationId, Registrant registrant,
                                      List<String> sessionIds, String locale) {
        return new RegisterAttendee(Schema.newMessageId(), Schema.now(), Schema.VERSION, eventId, registrationId,
                registrant, sessionIds, locale);
    }
}
