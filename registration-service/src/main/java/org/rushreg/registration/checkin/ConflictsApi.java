package org.rushreg.registration.checkin;

import io.swagger.v3.oas.annotations.Operation;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.rushreg.registration.catalogue.EventCatalogue;
import org.rushreg.registration.catalogue.UnknownEventException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The conflicts of the door for the organisers (organiser API: organiser or viewer): scans made offline before a
 * cancellation that arrived after it. The person may have been let in; the organiser decides what follows.
 */
@RestController
class ConflictsApi {

    /** One conflict; {@code name} is null once the event's personal data was erased. */
    record Conflict(String registrationId, String name, String scanId, String sessionId, Instant scannedAt,
                    Instant cancelledAt, Instant decidedAt) {
    }

    private final EventCatalogue catalogue;
    private final JdbcClient db;

    ConflictsApi(EventCatalogue catalogue, JdbcClient db) {
        this.catalogue = catalogue;
        this.db = db;
    }

    @GetMapping("/api/organiser/events/{eventId}/check-in/conflicts")
    @Operation(summary = "Check-in conflicts",
            description = "Scans made offline before the registration's cancellation that arrived after it, newest "
                    + "first: registrationId, name, scanId, sessionId (null: the entrance), scannedAt, cancelledAt.")
    List<Conflict> conflicts(@PathVariable String eventId) {
        catalogue.find(eventId).orElseThrow(() -> new UnknownEventException(eventId));
        return db.sql("""
                        select s.registration_id, r.first_name, r.last_name, s.scan_id, s.session_id, s.scanned_at,
                               s.result_at, s.decided_at
                        from scans s left join registrations r on r.id = s.registration_id
                        where s.event_id = :event and s.conflict
                        order by s.decided_at desc, s.scan_id
                        """)
                .param("event", eventId)
                .query((rs, n) -> {
                    String first = rs.getString("first_name");
                    String last = rs.getString("last_name");
                    String name = first == null && last == null ? null
                            : ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
                    return new Conflict(rs.getString("registration_id"), name, rs.getString("scan_id"),
                            rs.getString("session_id"), instant(rs.getTimestamp("scanned_at")),
                            instant(rs.getTimestamp("result_at")), instant(rs.getTimestamp("decided_at")));
                })
                .list();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
