package org.rushreg.messages;

import java.time.Instant;
import java.util.List;

/**
 * An organiser erases a person from an event on their request (GDPR Art. 17, decision 0027): the registrations the
 * registration-service's read model holds under their address. Names no person: only the registration ids, so the
 * command log itself does not carry what is being erased.
 */
public record ErasePerson(String messageId, Instant createdAt, int schemaVersion, String eventId, String erasureId,
                          List<String> registrationIds) implements RegistrationCommand {

    public ErasePerson {
        registrationIds = registrationIds == null ? List.of() : List.copyOf(registrationIds);
    }

    public static ErasePerson of(String eventId, String erasureId, List<String> registrationIds) {
        return new ErasePerson(Schema.newMessageId(), Schema.now(), Schema.VERSION, eventId, erasureId,
                registrationIds);
    }
}
