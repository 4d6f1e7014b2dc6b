package org.rushreg.registration.dashboard;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.registration.catalogue.EventCatalogue;
import org.rushreg.registration.dashboard.Dashboard.Attendance;
import org.rushreg.registration.dashboard.Dashboard.Emails;
import org.rushreg.registration.dashboard.Dashboard.LatestOutcome;
import org.rushreg.registration.dashboard.Dashboard.Minute;
import org.rushreg.registration.dashboard.Dashboard.Problem;
import org.rushreg.registration.dashboard.Dashboard.Rate;
import org.rushreg.registration.dashboard.Dashboard.SessionLoad;
import org.rushreg.registration.dashboard.Dashboard.Share;
import org.rushreg.registration.dashboard.Dashboard.Totals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads a {@link Dashboard} from the read model. Everything comes from PostgreSQL, not from what this instance
 * happened to consume, so every instance of the service shows the same numbers.
 */
@Repository
class DashboardReadings {

    private static final int MINUTES = 60;
    private static final int LATEST = 15;
    private static final int ORGANISATIONS = 10;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("dd.MM HH:mm");
    /** The door of a scan without a session. */
    private static final String ENTRANCE = "";

    private final JdbcClient jdbc;
    private final EventCatalogue catalogue;
    private final Clock clock;
    private final DashboardProperties properties;

    DashboardReadings(JdbcClient jdbc, EventCatalogue catalogue, Clock clock, DashboardProperties properties) {
        this.jdbc = jdbc;
        this.catalogue = catalogue;
        this.clock = clock;
        this.properties = properties;
    }

    @Transactional(readOnly = true)
    public Optional<Dashboard> of(String eventId) {
        return catalogue.find(eventId).map(this::read);
    }

    private Dashboard read(EventDefinition event) {
        ZoneId zone = event.zone();
        List<Share> organisations = organisations(event.id());
        Map<String, Long> present = present(event.id());
        Totals totals = totals(event.id());
        return new Dashboard(event.id(), event.name(), sessions(event, zone, present), totals,
                rate(event.id(), zone), sectors(event.id()),
                organisations.subList(0, Math.min(ORGANISATIONS, organisations.size())), organisations.size(),
                latest(event.id(), zone), emails(event.id()), erased(event.id(), zone),
                new Attendance(present.getOrDefault(ENTRANCE, 0L), totals.confirmed(), conflicts(event.id())));
    }

    /** Admissions per door: a session's id, or {@link #ENTRANCE}. Each is one registration's first at that door. */
    private Map<String, Long> present(String eventId) {
        Map<String, Long> present = new HashMap<>();
        jdbc.sql("""
                select coalesce(session_id, '') as door, count(*) as n from scans
                where event_id = :event and result = 'ADMITTED' group by 1
                """)
                .param("event", eventId)
                .query(rs -> {
                    present.put(rs.getString("door"), rs.getLong("n"));
                });
        return present;
    }

    private long conflicts(String eventId) {
        return jdbc.sql("select count(*) from scans where event_id = :event and conflict").param("event", eventId)
                .query(Long.class).single();
    }

    private String erased(String eventId, ZoneId zone) {
        return jdbc.sql("select personal_data_erased_at from events where id = :event").param("event", eventId)
                .query((rs, n) -> rs.getTimestamp(1)).optional()
                .map(at -> at.toInstant().atZone(zone).toLocalDate().toString()).orElse(null);
    }

    private List<SessionLoad> sessions(EventDefinition event, ZoneId zone, Map<String, Long> present) {
        Map<String, SessionDefinition> defined = new HashMap<>();
        event.sessions().forEach(s -> defined.put(s.id(), s));
        return jdbc.sql("""
                select id, title, coalesce(reported_capacity, capacity) as capacity, confirmed, waitlisted
                from sessions where event_id = :event order by position, id
                """)
                .param("event", event.id())
                .query((rs, n) -> {
                    int capacity = rs.getInt("capacity");
                    int confirmed = rs.getInt("confirmed");
                    int percent = capacity <= 0 ? 100 : (int) Math.min(100, Math.round(100.0 * confirmed / capacity));
                    boolean alert = capacity <= 0 || 100L * confirmed >= (long) properties.alertPercent() * capacity;
                    SessionDefinition definition = defined.get(rs.getString("id"));
                    String when = definition == null ? "" : DAY_AND_TIME.format(definition.startsAt().atZone(zone))
                            + "–" + MINUTE.format(definition.endsAt().atZone(zone));
                    return new SessionLoad(rs.getString("id"), rs.getString("title"), when, capacity, confirmed,
                            rs.getInt("waitlisted"), percent, alert, present.getOrDefault(rs.getString("id"), 0L));
                })
                .list();
    }

    private Totals totals(String eventId) {
        Map<String, Long> byStatus = new HashMap<>();
        // A hold that expired is CANCELLED with reason HOLD_EXPIRED: counted as expired, not as cancelled.
        jdbc.sql("""
                select case when status = 'CANCELLED' and reason = 'HOLD_EXPIRED' then 'EXPIRED' else status end
                       as status, count(*) as n
                from registrations where event_id = :event group by 1
                """)
                .param("event", eventId)
                .query(rs -> {
                    byStatus.put(rs.getString("status"), rs.getLong("n"));
                });
        return new Totals(byStatus.values().stream().mapToLong(Long::longValue).sum(),
                byStatus.getOrDefault("PENDING", 0L), byStatus.getOrDefault("CONFIRMED", 0L),
                byStatus.getOrDefault("WAITLISTED", 0L), byStatus.getOrDefault("REJECTED", 0L),
                byStatus.getOrDefault("CANCELLED", 0L), byStatus.getOrDefault("HELD", 0L),
                byStatus.getOrDefault("EXPIRED", 0L));
    }

    private Rate rate(String eventId, ZoneId zone) {
        Instant last = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Instant first = last.minus(MINUTES - 1, ChronoUnit.MINUTES);
        Map<Instant, Long> counts = new HashMap<>();
        jdbc.sql("""
                select date_trunc('minute', created_at) as minute, count(*) as n from registrations
                where event_id = :event and created_at >= :since group by 1
                """)
                .param("event", eventId).param("since", Timestamp.from(first))
                .query(rs -> {
                    counts.put(rs.getTimestamp("minute").toInstant(), rs.getLong("n"));
                });
        List<Minute> minutes = new ArrayList<>(MINUTES);
        for (Instant minute = first; !minute.isAfter(last); minute = minute.plus(1, ChronoUnit.MINUTES)) {
            minutes.add(new Minute(MINUTE.format(minute.atZone(zone)), counts.getOrDefault(minute, 0L)));
        }
        return new Rate(minutes);
    }

    private List<Share> sectors(String eventId) {
        return jdbc.sql("""
                select coalesce(sector, '') as name, count(*) as total,
                       count(*) filter (where status = 'CONFIRMED') as confirmed
                from registrations where event_id = :event group by 1 order by total desc, name
                """)
                .param("event", eventId)
                .query((rs, n) -> new Share(rs.getString("name"), rs.getLong("total"), rs.getLong("confirmed")))
                .list();
    }

    /** Every organisation, most registrations first; spellings that differ only in case or spaces count as one. */
    private List<Share> organisations(String eventId) {
        return jdbc.sql("""
                select min(trim(organisation)) as name, count(*) as total,
                       count(*) filter (where status = 'CONFIRMED') as confirmed
                from registrations where event_id = :event and trim(coalesce(organisation, '')) <> ''
                group by lower(trim(organisation)) order by total desc, name
                """)
                .param("event", eventId)
                .query((rs, n) -> new Share(rs.getString("name"), rs.getLong("total"), rs.getLong("confirmed")))
                .list();
    }

    private List<LatestOutcome> latest(String eventId, ZoneId zone) {
        return jdbc.sql("""
                select o.registration_id, o.kind, o.reason, o.applied_at, r.organisation
                from outcomes o left join registrations r on r.id = o.registration_id
                where o.event_id = :event order by o.applied_at desc, o.message_id limit :limit
                """)
                .param("event", eventId).param("limit", LATEST)
                .query((rs, n) -> new LatestOutcome(rs.getString("registration_id"), rs.getString("kind"),
                        rs.getString("reason"), rs.getString("organisation"),
                        SECOND.format(rs.getTimestamp("applied_at").toInstant().atZone(zone))))
                .list();
    }

    private Emails emails(String eventId) {
        Map<String, Long> byStatus = new HashMap<>();
        jdbc.sql("select status, count(*) as n from email_deliveries where event_id = :event group by status")
                .param("event", eventId)
                .query(rs -> {
                    byStatus.put(rs.getString("status"), rs.getLong("n"));
                });
        List<Problem> problems = jdbc.sql("""
                select status, coalesce(reason, '') as reason, count(*) as n from email_deliveries
                where event_id = :event and status in ('RETRYING', 'FAILED')
                group by status, 2 order by n desc, status, reason limit 10
                """)
                .param("event", eventId)
                .query((rs, n) -> new Problem(rs.getString("status"), rs.getString("reason"), rs.getLong("n")))
                .list();
        return new Emails(byStatus.getOrDefault("SENT", 0L), byStatus.getOrDefault("RETRYING", 0L),
                byStatus.getOrDefault("FAILED", 0L), byStatus.getOrDefault("SUPPRESSED", 0L), problems);
    }
}
