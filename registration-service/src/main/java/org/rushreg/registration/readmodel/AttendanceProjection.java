package org.rushreg.registration.readmodel;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.rushreg.messages.TicketScanned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records each decided scan (topic {@code attendance}), one poll in one transaction, each scan id once: the capacity
 * service decides a scan id once, and a redelivered record changes nothing. The registrations scanned are announced
 * like any change of theirs, so that a check-in request waiting on any instance reads its answer at once.
 */
@Component
class AttendanceProjection {

    private static final Logger log = LoggerFactory.getLogger(AttendanceProjection.class);

    private static final String SCAN = """
            insert into scans (event_id, scan_id, registration_id, session_id, scanned_at, result, result_at,
                               conflict, decided_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (event_id, scan_id) do nothing
            """;

    private final JdbcTemplate jdbc;

    AttendanceProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    void apply(List<TicketScanned> scans) {
        if (scans.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(SCAN, scans, scans.size(), (ps, scan) -> {
            ps.setString(1, scan.eventId());
            ps.setString(2, scan.scanId());
            ps.setString(3, scan.registrationId());
            ps.setString(4, scan.sessionId());
            ps.setTimestamp(5, timestamp(scan.scannedAt() != null ? scan.scannedAt() : scan.createdAt()));
            ps.setString(6, scan.result().name());
            ps.setTimestamp(7, timestamp(scan.at()));
            ps.setBoolean(8, scan.conflict());
            ps.setTimestamp(9, timestamp(scan.createdAt() != null ? scan.createdAt() : Instant.now()));
        });
        Set<String> scanned = new LinkedHashSet<>();
        scans.forEach(scan -> scanned.add(scan.registrationId()));
        RegistrationChanges.announce(jdbc, scanned);
        scans.stream().filter(TicketScanned::conflict).forEach(scan -> log.warn(
                "Registration {} was scanned ({}) before its cancellation and the scan arrived after it: a conflict "
                        + "for the organisers", scan.registrationId(), scan.scanId()));
        log.info("Recorded {} scans of tickets", scans.size());
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
