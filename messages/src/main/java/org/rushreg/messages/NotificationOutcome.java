package org.rushreg.messages;

import java.time.Instant;

/**
 * What became of the email for one outcome of a registration: {@code decisionId} is the message id of the
 * {@link RegistrationOutcome} it was about, {@code kind} the kind of email (CONFIRMED, WAITLISTED, ...),
 * {@code reason} says why when RETRYING, FAILED or SUPPRESSED.
 */
public record NotificationOutcome(String messageId, Instant createdAt, int schemaVersion, String registrationId,
                                  String eventId, String decisionId, String kind, DeliveryStatus status,
                                  String reason) {

    public static NotificationOutcome of(String registrationId, String eventId, String decisionId, String kind,
                                         DeliveryStatus status, String reason) {
        return new NotificationOutcome(Schema.newMessageId(), Schema.now(), Schema.VERSION, registrationId, eventId,
                decisionId, kind, status, reason);
    }
}
