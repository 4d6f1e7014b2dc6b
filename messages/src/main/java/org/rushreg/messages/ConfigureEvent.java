package org.rushreg.messages;

import java.time.Instant;

/** Creates an event or replaces its definition (sessions, capacities, window, waitlist). */
public record ConfigureEvent(String messageId, Instant createdAt, int schemaVersion, String eventId,
                             EventDefinition event) implements RegistrationCommand {

    public static ConfigureEvent of(EventDefinition event) {
        return new ConfigureEvent(Schema.newMessageId(), Schema.now(), Schema.VERSION, event.id(), event);
    }
}
