package org.rushreg.notification.sending;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.rushreg.messages.EmailDigest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The limit on "already registered" reminders, kept in the database so that it holds across consumer threads and
 * instances: one row per event and address, taken by one statement (PostgreSQL locks the row, so of two duplicates
 * handled at once exactly one wins). The row names the decision that holds it, so that decision's redelivery (after
 * a crash, or while the mail server is down) still sends its reminder: a claim is never lost (decision 0017).
 */
@Component
class ReminderClaims {

    private final JdbcClient jdbc;
    private final ReminderSettings settings;
    private final EmailDigest emails;
    private final Clock clock;

    public ReminderClaims(JdbcClient jdbc, ReminderSettings settings, EmailDigest emails, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.emails = emails;
        this.clock = clock;
    }

    public Duration interval() {
        return settings.interval();
    }

    /**
     * Whether the reminder of this decision may go out: true when no reminder to the address for the event was
     * claimed within the interval, or when this decision holds the claim already.
     */
    public boolean claim(String eventId, String email, String decisionId) {
        if (!settings.limited()) {
            return true;
        }
        Instant now = clock.instant();
        // A re-claim by the holder keeps the time of its claim: a reminder retried for hours does not push the next
        // one further out.
        return jdbc.sql("""
                INSERT INTO reminder_claim (event_id, address_hash, decision_id, claimed_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (event_id, address_hash) DO UPDATE
                SET claimed_at = CASE WHEN reminder_claim.decision_id = EXCLUDED.decision_id
                                      THEN reminder_claim.claimed_at ELSE EXCLUDED.claimed_at END,
                    decision_id = EXCLUDED.decision_id
                WHERE reminder_claim.decision_id = EXCLUDED.decision_id OR reminder_claim.claimed_at <= ?""")
                .params(eventId, emails.of(eventId, email), decisionId, Timestamp.from(now),
                        Timestamp.from(now.minus(settings.interval())))
                .update() == 1;
    }

    /** Forgets the reminder limit of an address for an event (erasure on request, decision 0027). */
    public void forget(String eventId, String email) {
        jdbc.sql("DELETE FROM reminder_claim WHERE event_id = ? AND address_hash = ?")
                .params(eventId, emails.of(eventId, email)).update();
    }

    /** Forgets the reminder limits of an event, its retention being over (decision 0039); how many. */
    public int forgetEvent(String eventId) {
        return jdbc.sql("DELETE FROM reminder_claim WHERE event_id = ?").param(eventId).update();
    }
}
