package org.rushreg.messages;

import java.security.KeyPair;
import java.time.Instant;
import java.util.List;

/**
 * What the notification-service's database holds of the registrations a {@link PersonalDataRequested} named (decision
 * 0050), {@code sealed} for the request's public key ({@link SealedData}): the JSON of a {@link Held}. Only the ids
 * travel in clear.
 */
public record NotificationDataReported(String messageId, Instant createdAt, int schemaVersion, String requestId,
                                       String eventId, String sealed) implements PersonalDataAccess {

    /** Seals what is held for {@code publicKey}; an {@link IllegalArgumentException} when that is not usable. */
    public static NotificationDataReported seal(String requestId, String eventId, Held held, String publicKey) {
        return new NotificationDataReported(Schema.newMessageId(), Schema.now(), Schema.VERSION, requestId, eventId,
                SealedData.seal(MessageJson.toBytes(held), publicKey));
    }

    /** What was sealed; an {@link IllegalArgumentException} when {@code key} cannot open it. */
    public Held open(KeyPair key) {
        return MessageJson.fromBytes(SealedData.open(sealed, key), Held.class);
    }

    /**
     * The recipient of each registration (whom later emails go to; none once the event's retention is over or the
     * person was erased), each email recorded as sent, and the limit of "already registered" reminders kept under the
     * address's digest.
     */
    public record Held(List<HeldRecipient> recipients, List<SentEmail> sentEmails, List<ReminderClaim> reminderClaims) {

        public Held {
            recipients = recipients == null ? List.of() : List.copyOf(recipients);
            sentEmails = sentEmails == null ? List.of() : List.copyOf(sentEmails);
            reminderClaims = reminderClaims == null ? List.of() : List.copyOf(reminderClaims);
        }
    }

    /** A {@code recipient} row. */
    public record HeldRecipient(String registrationId, String firstName, String lastName, String email, String locale,
                                 String status, Instant decidedAt, Instant cancelledAt) {

        @Override
        public String toString() {
            return "HeldRecipient[" + registrationId + ", personal data hidden]";
        }
    }

    /** A {@code sent_email} row: which email about the registration went out (or failed), no address. */
    public record SentEmail(String registrationId, String kind, String status, Instant recordedAt) {
    }

    /** A {@code reminder_claim} row of the address: its digest and when the last reminder went to it. */
    public record ReminderClaim(String addressDigest, Instant claimedAt) {
    }
}
