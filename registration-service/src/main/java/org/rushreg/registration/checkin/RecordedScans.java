package org.rushreg.registration.checkin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The decided scans of the read model (table {@code scans}), with the name of the ticket's holder for staff. */
@Component
class RecordedScans {

    /**
     * One decided scan; {@code name} is null once the event's personal data was erased. {@code seatFreed}: the
     * registration was promoted into the scan's session after the session began (a no-show release, or a seat freed
     * late), so the person at the door may not know yet that the seat is theirs.
     */
    record RecordedScan(String scanId, String registrationId, String sessionId, String result, Instant at,
                        boolean conflict, String name, boolean seatFreed) {
    }

    private final JdbcClient db;

    RecordedScans(JdbcClient db) {
        this.db = db;
    }

    Optional<RecordedScan> find(String eventId, String scanId) {
        return db.sql("""
                        select s.scan_id, s.registration_id, s.session_id, s.result, s.result_at, s.conflict,
                               r.first_name, r.last_name,
                               exists (select 1 from outcomes o join sessions e
                                         on e.event_id = o.event_id and e.id = o.session_id
                                       where o.registration_id = s.registration_id and o.session_id = s.session_id
                                         and o.kind = 'PROMOTED' and o.decided_at >= e.starts_at) as seat_freed
                        from scans s left join registrations r on r.id = s.registration_id
                        where s.event_id = :event and s.scan_id = :scan
                        """)
                .param("event", eventId).param("scan", scanId)
                .query(RecordedScans::scan).optional();
    }

    private static RecordedScan scan(ResultSet rs, int row) throws SQLException {
        Timestamp at = rs.getTimestamp("result_at");
        String first = rs.getString("first_name");
        String last = rs.getString("last_name");
        String name = first == null && last == null ? null
                : ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        return new RecordedScan(rs.getString("scan_id"), rs.getString("registration_id"), rs.getString("session_id"),
                rs.getString("result"), at == null ? null : at.toInstant(), rs.getBoolean("conflict"), name,
                rs.getBoolean("seat_freed"));
    }
}
