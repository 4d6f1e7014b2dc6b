package org.rushreg.messages;

import java.time.Instant;

/**
 * An organiser sends a message (a subject and a body in Polish and in English) to every person CONFIRMED in the event,
 * or in one session of it when {@code sessionId} is set (issue 18, decision 0042). The single writer of the event
 * decides it in the event's log order: each registration confirmed there at that point (not held for email
 * verification, not waitlisted, cancelled or rejected) gets one {@link OrganiserMessageAddressed}, and a repeat of
 * this command addresses nobody twice. {@code organiserMessageId} is chosen by the registration-service and names the
 * message in its audit log and delivery report.
 */
public record SendOrganiserMessage(String messageId, Instant createdAt, int schemaVersion, String eventId,
                                   String organiserMessageId, String sessionId, String subjectPl, String bodyPl,
                                   String subjectEn, String bodyEn) implements RegistrationCommand {

    public static SendOrganiserMessage of(String eventId, String organiserMessageId, String sessionId,
                                          String subjectPl, String bodyPl, String subjectEn, String bodyEn) {
        return new SendOrganiserMessage(Schema.newMessageId(), Schema.now(), Schema.VERSION, eventId,
                organiserMessageId, sessionId, subjectPl, bodyPl, subjectEn, bodyEn);
    }
}
