package org.rushreg.notification.sent;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What was already emailed, by registration and decision. Checked before sending and written after: Kafka
 * delivers at least once, and this turns that into once per person in normal operation (only a crash between the
 * SMTP server's "250 OK" and this write can repeat an email).
 */
public class SentEmails {

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

    public void record(String registrationId, String decisionId, String kind, Status status) {
        jdbc.sql("""
                INSERT INTO sent_email (registration_id, decision_id, kind, status) VALUES (?, ?, ?, ?)
                ON CONFLICT (registration_id, decision_id) DO NOTHING""")
                .params(registrationId, decisionId, kind, status.name()).update();
    }
}
