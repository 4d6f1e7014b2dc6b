package org.rushreg.notification.access;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.rushreg.messages.EmailDigest;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.NotificationDataReported;
import org.rushreg.messages.PersonalDataRequested;
import org.rushreg.messages.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.stereotype.Component;

/**
 * Answers an access request (GDPR Art. 15, decision 0050) with what this service's database holds of its
 * registrations: their {@code recipient} rows (name, address, language), their {@code sent_email} rows, and the
 * {@code reminder_claim} kept under the digest of each address they were registered with. Reads only.
 */
@Component
class PersonalDataReports {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataReports.class);

    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final JdbcClient jdbc;
    private final EmailDigest emails;
    private final KafkaOperations<byte[], byte[]> kafka;

    PersonalDataReports(JdbcClient jdbc, EmailDigest emails, KafkaOperations<byte[], byte[]> kafka) {
        this.jdbc = jdbc;
        this.emails = emails;
        this.kafka = kafka;
    }

    NotificationDataReported.Held report(PersonalDataRequested request) {
        String[] ids = request.registrationIds().toArray(String[]::new);
        List<NotificationDataReported.HeldRecipient> recipients = jdbc.sql("""
                        SELECT registration_id, first_name, last_name, email, locale, status, decided_at, cancelled_at
                        FROM recipient WHERE registration_id = ANY(?) ORDER BY decided_at, registration_id""")
                .param(ids).query((rs, row) -> new NotificationDataReported.HeldRecipient(rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        instant(rs, 7), instant(rs, 8))).list();
        List<NotificationDataReported.SentEmail> sent = jdbc.sql("""
                        SELECT registration_id, kind, status, recorded_at FROM sent_email
                        WHERE registration_id = ANY(?) ORDER BY recorded_at, registration_id""")
                .param(ids).query((rs, row) -> new NotificationDataReported.SentEmail(rs.getString(1),
                        rs.getString(2), rs.getString(3), instant(rs, 4))).list();
        String[] digests = recipients.stream().map(r -> emails.of(request.eventId(), r.email())).distinct()
                .toArray(String[]::new);
        List<NotificationDataReported.ReminderClaim> claims = jdbc.sql("""
                        SELECT address_hash, claimed_at FROM reminder_claim
                        WHERE event_id = ? AND address_hash = ANY(?) ORDER BY claimed_at""")
                .params(request.eventId(), digests)
                .query((rs, row) -> new NotificationDataReported.ReminderClaim(rs.getString(1), instant(rs, 2)))
                .list();
        return new NotificationDataReported.Held(recipients, sent, claims);
    }

    /**
     * Answers on the request's key, sealed for its public key (which the caller checked), and waits for the broker:
     * throws when it cannot, so the request is read again.
     */
    void answer(PersonalDataRequested request) {
        NotificationDataReported.Held report = report(request);
        NotificationDataReported answer = NotificationDataReported.seal(request.requestId(), request.eventId(), report,
                request.publicKey());
        try {
            kafka.send(Topics.PERSONAL_DATA_ACCESS.name(), request.requestId().getBytes(StandardCharsets.UTF_8),
                    MessageJson.toBytes(answer)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while answering access request " + request.requestId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not answer access request " + request.requestId()
                    + ": the broker did not take the answer", e);
        }
        log.info("Access request {} of event {}: {} recipients, {} sent emails and {} reminder limits reported, sealed",
                request.requestId(), request.eventId(), report.recipients().size(), report.sentEmails().size(),
                report.reminderClaims().size());
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
