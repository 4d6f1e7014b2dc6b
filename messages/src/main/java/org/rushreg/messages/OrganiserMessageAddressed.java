package org.rushreg.messages;

import java.util.List;
import java.time.Instant;

/**
 * A {@link SendOrganiserMessage} reached this registration: it was CONFIRMED in the event (or in the message's
 * session) when the message came in the event's log. One per registration and organiser message; the message id is
 * name-based from {@code commandId} and the registration, so a redelivery is recognised by the notification service.
 * It carries both languages' texts: the recipient's language is known only to the notification service. Like
 * {@link RegistrationPromoted} it names no recipient.
 */
public record OrganiserMessageAddressed(String messageId, Instant createdAt, int schemaVersion, String registrationId,
                                        String eventId, String commandId, String organiserMessageId,
                                        String sessionId, RegistrationStatus status, List<SessionOutcome> sessions,
                                        EventSummary event, String subjectPl, String bodyPl, String subjectEn,
                                        String bodyEn) implements RegistrationOutcome {

    public OrganiserMessageAddressed {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }
}
