package org.rushreg.messages;

import java.time.Instant;
import java.util.List;

/**
 * What the notification-service's database holds of the registrations a {@link PersonalDataRequested} named (decision
 * 0050): the recipient of each (whom later emails go to; none once the event's retention is over or the person was
 * erased), each email recorded as sent, and the limit of "already registered" reminders kept under the address's
 * digest.
 */
public record NotificationDataReported(String messageId, Instant createdAt, int schemaVersion, String requestId,
                                       String eventId, List<HeldRecipient> recipients, List<SentEmail> sentEmails,
                                       List<ReminderClaim> reminderClaims) implements PersonalDataAccess {

    public NotificationDataReported {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        sentEmails = sentEmails == null ? List.of() : List.copyOf(sentEmails);
        reminderClaims = reminderClaims == null ? List.of() : List.copyOf(reminderClaims);
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
