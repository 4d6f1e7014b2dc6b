package org.rushreg.notification.recipients;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.RegistrationDecided;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The recipient of each registration that may later be promoted or cancelled, taken from its first decision: the
 * capacity service keeps no personal data, so its later messages name only the registration (decision 0003).
 */
public class Recipients {

    private final JdbcClient jdbc;

    public Recipients(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Idempotent: a redelivered decision finds its row and leaves it alone. Returns true when the row is new, i.e.
     * this is the first time the registration's first decision is handled.
     */
    public boolean remember(RegistrationDecided decided) {
        Recipient recipient = decided.recipient();
        Instant decidedAt = decided.createdAt() == null ? Instant.now() : decided.createdAt();
        return jdbc.sql("""
                INSERT INTO recipient (registration_id, event_id, email_key, email, first_name, last_name, locale,
                                       decided_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (registration_id) DO NOTHING""")
                .params(decided.registrationId(), decided.eventId(), emailKey(recipient.email()), recipient.email(),
                        recipient.firstName(), recipient.lastName(), recipient.locale(), Timestamp.from(decidedAt))
                .update() == 1;
    }

    public Optional<Recipient> of(String registrationId) {
        return jdbc.sql("SELECT first_name, last_name, email, locale FROM recipient WHERE registration_id = ?")
                .param(registrationId)
                .query((rs, row) -> new Recipient(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional();
    }

    /** A registration an address holds for an event, and its recipient as it registered. */
    public record Active(String registrationId, Recipient recipient) {
    }

    /**
     * The registration an address already holds for an event, which an "already registered" reminder links to and
     * whose name it greets.
     */
    public Optional<Active> activeRegistration(String eventId, String email) {
        return jdbc.sql("""
                SELECT registration_id, first_name, last_name, email, locale FROM recipient
                WHERE event_id = ? AND email_key = ? AND cancelled_at IS NULL
                ORDER BY decided_at DESC LIMIT 1""")
                .params(eventId, emailKey(email))
                .query((rs, row) -> new Active(rs.getString(1),
                        new Recipient(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5))))
                .optional();
    }

    /** A cancelled registration no longer answers for its address: the person may register again. */
    public void cancelled(String registrationId, Instant at) {
        jdbc.sql("UPDATE recipient SET cancelled_at = ? WHERE registration_id = ? AND cancelled_at IS NULL")
                .params(Timestamp.from(at == null ? Instant.now() : at), registrationId).update();
    }

    static String emailKey(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }
}
