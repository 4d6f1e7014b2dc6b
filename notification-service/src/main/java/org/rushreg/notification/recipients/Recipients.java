package org.rushreg.notification.recipients;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
     * Remembers the recipients of first decisions, all in one statement (a poll's worth). Idempotent: a redelivered
     * decision finds its row and leaves it alone. Returns the registration ids whose row is new, i.e. whose first
     * decision is handled for the first time.
     */
    public Set<String> remember(List<RegistrationDecided> decisions) {
        Map<String, RegistrationDecided> byId = new LinkedHashMap<>();
        decisions.forEach(decided -> byId.putIfAbsent(decided.registrationId(), decided));
        if (byId.isEmpty()) {
            return Set.of();
        }
        StringBuilder sql = new StringBuilder("""
                INSERT INTO recipient (registration_id, event_id, email_key, email, first_name, last_name, locale,
                                       decided_at)
                VALUES\s""");
        List<Object> params = new ArrayList<>(byId.size() * 8);
        for (RegistrationDecided decided : byId.values()) {
            Recipient recipient = decided.recipient();
            Instant decidedAt = decided.createdAt() == null ? Instant.now() : decided.createdAt();
            sql.append(params.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?)");
            params.addAll(Arrays.asList(decided.registrationId(), decided.eventId(), emailKey(recipient.email()),
                    recipient.email(), recipient.firstName(), recipient.lastName(), recipient.locale(),
                    Timestamp.from(decidedAt)));
        }
        sql.append(" ON CONFLICT (registration_id) DO NOTHING RETURNING registration_id");
        return new HashSet<>(jdbc.sql(sql.toString()).params(params).query(String.class).list());
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

    /**
     * Forgets whom a registration's emails went to (erasure on request, decision 0027); what proves that emails were
     * sent (sent_email: registration, decision, kind, status) holds no address and stays. Idempotent.
     */
    public void forget(String registrationId) {
        jdbc.sql("DELETE FROM recipient WHERE registration_id = ?").param(registrationId).update();
    }

    static String emailKey(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }
}
