package org.rushreg.registration.organiser.attendees;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The registrations of an event from the read model, searched and paged for the organiser, or all for an export. */
@Repository
class AttendeeDirectory {

    /** One page of a search, and how many registrations match in all. */
    record Page(List<Attendee> attendees, long total, int page, int size) {

        boolean hasNext() {
            return (long) (page + 1) * size < total;
        }
    }

    private static final String COLUMNS = "r.id, r.status, r.reason, r.first_name, r.last_name, r.email, "
            + "r.organisation, r.sector, r.locale, r.created_at, r.decided_at, r.optional_consent";

    // Name, email or organisation contains the words typed (case-insensitive); an empty query matches everything.
    private static final String MATCHES = """
            r.event_id = :event
            and (:pattern = '%%' or (coalesce(r.first_name, '') || ' ' || coalesce(r.last_name, '')) ilike :pattern
                 or r.email ilike :pattern or coalesce(r.organisation, '') ilike :pattern)
            and (:status = '' or r.status = :status)
            """;

    private final JdbcClient jdbc;

    AttendeeDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Page search(String eventId, String query, String status, int page, int size) {
        String pattern = "%" + escapeLike(query == null ? "" : query.strip()) + "%";
        String wanted = status == null ? "" : status;
        long total = jdbc.sql("select count(*) from registrations r where " + MATCHES)
                .param("event", eventId).param("pattern", pattern).param("status", wanted)
                .query(Long.class).single();
        List<Attendee> rows = jdbc.sql("select " + COLUMNS + " from registrations r where " + MATCHES
                        + " order by r.created_at, r.id offset :offset limit :limit")
                .param("event", eventId).param("pattern", pattern).param("status", wanted)
                .param("offset", (long) page * size).param("limit", size)
                .query(AttendeeDirectory::attendee).list();
        return new Page(withSessions(rows), total, page, size);
    }

    /** Every registration of the event, oldest first. */
    List<Attendee> all(String eventId) {
        List<Attendee> rows = jdbc.sql("select " + COLUMNS + " from registrations r where r.event_id = :event "
                        + "order by r.created_at, r.id")
                .param("event", eventId).query(AttendeeDirectory::attendee).list();
        return withSessions(rows);
    }

    Optional<Attendee> find(String eventId, String registrationId) {
        List<Attendee> rows = jdbc.sql("select " + COLUMNS + " from registrations r where r.event_id = :event "
                        + "and r.id = :id")
                .param("event", eventId).param("id", registrationId).query(AttendeeDirectory::attendee).list();
        return withSessions(rows).stream().findFirst();
    }

    private List<Attendee> withSessions(List<Attendee> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, List<Attendee.SessionState>> sessions = new LinkedHashMap<>();
        jdbc.sql("""
                select registration_id, session_id, status, waitlist_position from registration_sessions
                where registration_id = any(:ids) order by registration_id, position, session_id
                """)
                .param("ids", rows.stream().map(Attendee::registrationId).toArray(String[]::new))
                .query((RowCallbackHandler) rs -> {
                    sessions.computeIfAbsent(rs.getString("registration_id"), k -> new ArrayList<>())
                            .add(new Attendee.SessionState(rs.getString("session_id"), rs.getString("status"),
                                    (Integer) rs.getObject("waitlist_position")));
                });
        return rows.stream().map(a -> new Attendee(a.registrationId(), a.status(), a.reason(), a.firstName(),
                a.lastName(), a.email(), a.organisation(), a.sector(), a.locale(), a.registeredAt(), a.decidedAt(),
                a.optionalConsent(),
                List.copyOf(sessions.getOrDefault(a.registrationId(), List.of())))).toList();
    }

    private static Attendee attendee(ResultSet rs, int row) throws SQLException {
        return new Attendee(rs.getString("id"), rs.getString("status"), rs.getString("reason"),
                rs.getString("first_name"), rs.getString("last_name"), rs.getString("email"),
                rs.getString("organisation"), rs.getString("sector"), rs.getString("locale"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("decided_at")),
                rs.getBoolean("optional_consent"), List.of());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** The typed text as a literal inside a LIKE pattern: its own % and _ match only themselves. */
    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
