package org.rushreg.notification.sending;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What was already emailed, by registration and decision. Checked before sending and written after: Kafka
 * delivers at least once, and this turns that into once per person in normal operation (only a crash between the
 * SMTP server's "250 OK" and this write can repeat an email).
 */
@Component
class SentEmails {

    /** What became of an email for good; SUPPRESSED: not sent on purpose (a reminder within its interval). */
    public enum Status {
        SENT, FAILED, SUPPRESSED
    }

    private final JdbcClient jdbc;

    public SentEmails(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean contains(String registrationId, String decisionId) {
        return jdbc.sql("SELECT count(*) FROM sent_email WHERE registration_id = ? AND decision_id = ?")
                .params(registrationId, decisionId).query(Integer.class).single() > 0;
    }

    /**
     * Claims an email that answers no message (a reminder before the event, decision 0028) for this instance: a row
     * {@code SENDING} at {@code now}, inserted, or taken over when it is still SENDING from before {@code staleBefore}
     * (its instance died before the server's answer; the email goes again, with the same Message-ID). False when the
     * email is sent, refused, or being sent by someone else. One statement: of two instances, one wins.
     */
    public boolean claim(String registrationId, String emailId, String kind, Instant now, Instant staleBefore) {
        return jdbc.sql("""
                INSERT INTO sent_email (registration_id, decision_id, kind, status, recorded_at)
                VALUES (?, ?, ?, 'SENDING', ?)
                ON CONFLICT (registration_id, decision_id) DO UPDATE SET recorded_at = EXCLUDED.recorded_at
                WHERE sent_email.status = 'SENDING' AND sent_email.recorded_at <= ?""")
                .params(registrationId, emailId, kind, Timestamp.from(now), Timestamp.from(staleBefore))
                .update() == 1;
    }

    /** A claimed email is done for good: SENT after the server's 250, or FAILED when refused. */
    public void settle(String registrationId, String emailId, Status status, Instant now) {
        jdbc.sql("UPDATE sent_email SET status = ?, recorded_at = ? WHERE registration_id = ? AND decision_id = ?")
                .params(status.name(), Timestamp.from(now), registrationId, emailId).update();
    }

    /** A claimed email could not go out now (the server is down): the next check tries it again. */
    public void release(String registrationId, String emailId) {
        jdbc.sql("DELETE FROM sent_email WHERE registration_id = ? AND decision_id = ? AND status = 'SENDING'")
                .params(registrationId, emailId).update();
    }

    public void record(String registrationId, String decisionId, String kind, Status status) {
        jdbc.sql("""
                INSERT INTO sent_email (registration_id, decision_id, kind, status) VALUES (?, ?, ?, ?)
                ON CONFLICT (registration_id, decision_id) DO NOTHING""")
                .params(registrationId, decisionId, kind, status.name()).update();
    }
}
