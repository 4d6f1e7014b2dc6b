package org.rushreg.registration.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rushreg.messages.EventDefinition;
import org.rushreg.registration.catalogue.EventCatalogue;
import org.rushreg.registration.catalogue.UnknownEventException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Arrivals over time and the no-show rate per session, from the read model's scans (decision 0024; issue 16):
 * {@code GET /api/organiser/events/{eventId}/dashboard/attendance} (organiser or viewer). Arrivals are the
 * ADMITTED scans per door (the entrance, or each session's door) in quarters of an hour by the admission's time;
 * a session's no-show rate, once it has started, is the share of its confirmed seats whose holders were not
 * admitted at its door, in whole percent (null before the start or without confirmed seats). Counts only.
 */
@RestController
class AttendanceOverTime {

    private static final long SLOT_SECONDS = 15 * 60;
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("dd.MM HH:mm");

    private final JdbcClient jdbc;
    private final EventCatalogue catalogue;
    private final Clock clock;

    AttendanceOverTime(JdbcClient jdbc, EventCatalogue catalogue, Clock clock) {
        this.jdbc = jdbc;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /** Admissions at a door from {@code from} to a quarter of an hour later; {@code label}: its day and time there. */
    public record Slot(Instant from, String label, long count) {
    }

    public record SessionAttendance(String sessionId, Instant startsAt, long confirmed, long present,
                                    Integer noShowPercent, List<Slot> arrivals) {
    }

    public record Attendance(String eventId, List<Slot> entrance, List<SessionAttendance> sessions) {
    }

    @GetMapping("/api/organiser/events/{eventId}/dashboard/attendance")
    Attendance attendance(@PathVariable String eventId) {
        EventDefinition event = catalogue.find(eventId).orElseThrow(() -> new UnknownEventException(eventId));
        ZoneId zone = event.zone();
        Map<String, List<Slot>> slots = new HashMap<>();
        jdbc.sql("""
                select coalesce(session_id, '') as door,
                       floor(extract(epoch from result_at) / :slot)::bigint * :slot as slot, count(*) as n
                from scans where event_id = :event and result = 'ADMITTED' and result_at is not null
                group by 1, 2 order by 1, 2
                """)
                .param("event", eventId).param("slot", SLOT_SECONDS)
                .query(rs -> {
                    slots.computeIfAbsent(rs.getString("door"), door -> new ArrayList<>())
                            .add(slot(Instant.ofEpochSecond(rs.getLong("slot")), zone, rs.getLong("n")));
                });
        Map<String, Long> confirmed = new HashMap<>();
        jdbc.sql("select id, confirmed from sessions where event_id = :event").param("event", eventId)
                .query(rs -> {
                    confirmed.put(rs.getString("id"), rs.getLong("confirmed"));
                });
        Instant now = clock.instant();
        List<SessionAttendance> sessions = event.sessions().stream().map(session -> {
            List<Slot> arrivals = slots.getOrDefault(session.id(), List.of());
            long present = arrivals.stream().mapToLong(Slot::count).sum();
            long seats = confirmed.getOrDefault(session.id(), 0L);
            Integer noShows = session.startsAt() == null || now.isBefore(session.startsAt()) || seats <= 0 ? null
                    : (int) Math.round(100.0 * Math.max(0, seats - present) / seats);
            return new SessionAttendance(session.id(), session.startsAt(), seats, present, noShows, arrivals);
        }).toList();
        return new Attendance(eventId, slots.getOrDefault("", List.of()), sessions);
    }

    private static Slot slot(Instant from, ZoneId zone, long count) {
        return new Slot(from, LABEL.format(from.atZone(zone)), count);
    }
}
