package org.rushreg.notification.rendering;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The SEQUENCE of each attendee's entry of each session (table {@code calendar_sequence}): it only grows, so a
 * calendar applies every later file about an entry (an update, a cancellation, the session chosen again) and ignores
 * none of them as older (RFC 5546 §2.1.4). A registration's first decision writes nothing: its entries are new, at 0,
 * and a rush of confirmations costs no statement here; the first later file finds no row and starts at 1.
 */
@Component
class CalendarSequences {

    private final JdbcClient jdbc;

    public CalendarSequences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The next sequence of each session's entry for the file that {@code decisionId} produces, stored before the email
     * goes out. The same decision asking again (a redelivery after a failed send) gets the numbers it got before, so
     * the repeated email is the same email.
     */
    public Map<String, Integer> next(String registrationId, String decisionId, Set<String> sessionIds) {
        Map<String, Integer> sequences = new HashMap<>();
        if (sessionIds.isEmpty()) {
            return sequences;
        }
        jdbc.sql("""
                INSERT INTO calendar_sequence AS c (registration_id, session_id, sequence, decision_id)
                SELECT ?, s, 1, ? FROM unnest(?::text[]) AS s
                ON CONFLICT (registration_id, session_id) DO UPDATE
                SET sequence = CASE WHEN c.decision_id = EXCLUDED.decision_id THEN c.sequence ELSE c.sequence + 1 END,
                    decision_id = EXCLUDED.decision_id
                RETURNING session_id, sequence""")
                .params(registrationId, decisionId, new LinkedHashSet<>(sessionIds).toArray(String[]::new))
                .query((rs, row) -> sequences.put(rs.getString(1), rs.getInt(2)))
                .list();
        return sequences;
    }

    /** The sequence stored for an entry; empty while only its first file (at 0) went out. */
    public Optional<Integer> stored(String registrationId, String sessionId) {
        return jdbc.sql("SELECT sequence FROM calendar_sequence WHERE registration_id = ? AND session_id = ?")
                .params(registrationId, sessionId).query(Integer.class).optional();
    }
}
