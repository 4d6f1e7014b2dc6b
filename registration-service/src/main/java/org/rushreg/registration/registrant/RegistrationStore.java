package org.rushreg.registration.registrant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads of the registrations as the read model recorded them from the topics. */
@Repository
class RegistrationStore {

    private final JdbcClient jdbc;

    RegistrationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The registrant's name as they gave it, for the manage page (reached only with a valid token). */
    Optional<String> registrantName(String id) {
        return jdbc.sql("select trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) from registrations "
                        + "where id = :id")
                .param("id", id)
                .query(String.class)
                .optional();
    }

    /** The reason the latest change of sessions was refused; empty when it was made or none was answered yet. */
    Optional<String> lastChangeRefusal(String id) {
        return jdbc.sql("select reason from outcomes where registration_id = :id and kind = 'SESSIONS_CHANGED' "
                        + "order by applied_at desc limit 1")
                .param("id", id)
                .query((rs, n) -> Optional.ofNullable(rs.getString("reason")))
                .optional().flatMap(reason -> reason);
    }

    /** When the hold of a registration held for email verification ends, or ended (decision 0030). */
    Optional<Instant> heldUntil(String id) {
        return jdbc.sql("select held_until from registrations where id = :id and held_until is not null")
                .param("id", id)
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .optional();
    }

    Optional<RegistrationStatusView> find(String id) {
        return jdbc.sql("select id, event_id, status, reason from registrations where id = :id")
                .param("id", id)
                .query((rs, n) -> new RegistrationStatusView(rs.getString("id"), rs.getString("event_id"),
                        rs.getString("status"), sessions(id), rs.getString("reason")))
                .optional();
    }

    private List<RegistrationStatusView.SessionState> sessions(String id) {
        return jdbc.sql("""
                select session_id, status, waitlist_position from registration_sessions
                where registration_id = :id order by position, session_id
                """)
                .param("id", id)
                .query((rs, n) -> new RegistrationStatusView.SessionState(rs.getString("session_id"),
                        rs.getString("status"), (Integer) rs.getObject("waitlist_position")))
                .list();
    }
}
