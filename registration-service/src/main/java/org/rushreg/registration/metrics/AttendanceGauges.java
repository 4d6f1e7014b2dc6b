package org.rushreg.registration.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Attendance as counts (decision 0024), tags {@code event} and {@code session} (a session's id, or
 * {@value #ENTRANCE} for the venue's entrance): {@code registration.attendance.present}, people admitted at that
 * door; {@code registration.attendance.confirmed}, people holding a confirmed seat there (at the entrance: confirmed
 * registrations); {@code registration.attendance.conflicts} (tag {@code event}), offline scans of tickets cancelled
 * before they arrived. Read from the read model like the seat gauges, so every instance reports the same.
 */
@Component
class AttendanceGauges {

    static final String ENTRANCE = "entrance";

    private final JdbcClient jdbc;
    private final MultiGauge present;
    private final MultiGauge confirmed;
    private final MultiGauge conflicts;

    AttendanceGauges(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.present = MultiGauge.builder("registration.attendance.present")
                .description("People admitted at a door (a session's, or the entrance), from the check-in scans")
                .register(meters);
        this.confirmed = MultiGauge.builder("registration.attendance.confirmed")
                .description("People expected at a door: a confirmed seat in the session (entrance: a confirmed "
                        + "registration)")
                .register(meters);
        this.conflicts = MultiGauge.builder("registration.attendance.conflicts")
                .description("Offline scans of tickets cancelled before the scan arrived")
                .register(meters);
    }

    @Scheduled(initialDelayString = "PT1S", fixedDelayString = "PT5S")
    void refresh() {
        present.register(rows("""
                select s.event_id, s.id as door, count(c.scan_id) as n
                from sessions s left join scans c
                  on c.event_id = s.event_id and c.session_id = s.id and c.result = 'ADMITTED'
                group by s.event_id, s.id
                union all
                select e.id, null, count(c.scan_id)
                from events e left join scans c
                  on c.event_id = e.id and c.session_id is null and c.result = 'ADMITTED'
                group by e.id
                """), true);
        confirmed.register(rows("""
                select event_id, id as door, confirmed as n from sessions
                union all
                select e.id, null, count(r.id)
                from events e left join registrations r on r.event_id = e.id and r.status = 'CONFIRMED'
                group by e.id
                """), true);
        conflicts.register(jdbc.sql("""
                        select e.id, count(c.scan_id) as n
                        from events e left join scans c on c.event_id = e.id and c.conflict
                        group by e.id
                        """)
                .query((rs, n) -> MultiGauge.Row.of(Tags.of("event", rs.getString(1)), rs.getLong("n")))
                .list(), true);
    }

    private List<MultiGauge.Row<?>> rows(String sql) {
        List<MultiGauge.Row<?>> rows = new java.util.ArrayList<>();
        jdbc.sql(sql).query(rs -> {
            String door = rs.getString(2);
            rows.add(MultiGauge.Row.of(Tags.of("event", rs.getString(1), "session", door == null ? ENTRANCE : door),
                    rs.getLong(3)));
        });
        return rows;
    }
}
