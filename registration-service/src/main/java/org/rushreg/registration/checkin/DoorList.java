package org.rushreg.registration.checkin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rushreg.messages.tickets.Ticket;
import org.rushreg.registration.tickets.Tickets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a door's device keeps of an event (issue 16, decision 0031): each registration that holds, held or waits for
 * a seat — confirmed, waitlisted, or cancelled since (so that a ticket cancelled or left without a seat is refused
 * offline too, and a genuine ticket missing from the list was issued after the sync) — with the holder's name and
 * organisation (to search and to greet), its ticket's code and short code, the sessions it holds a seat in, and
 * when it was first admitted at each door ("" = the entrance), on any device. Staff only; the device keeps it until
 * the next sync replaces it.
 */
@Component
class DoorList {

    record Entry(String registrationId, String name, String organisation, String status, String code,
                 String shortCode, List<String> sessions, Map<String, Instant> admitted) {
    }

    private final JdbcClient db;
    private final Tickets tickets;

    DoorList(JdbcClient db, Tickets tickets) {
        this.db = db;
        this.tickets = tickets;
    }

    List<Entry> of(String eventId) {
        Map<String, List<String>> seats = new LinkedHashMap<>();
        db.sql("""
                        select s.registration_id, s.session_id from registration_sessions s
                        join registrations r on r.id = s.registration_id
                        where r.event_id = :event and r.status = 'CONFIRMED' and s.status = 'CONFIRMED'
                        order by s.registration_id, s.position
                        """)
                .param("event", eventId)
                .query(rs -> {
                    seats.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(rs.getString(2));
                });
        Map<String, Map<String, Instant>> admitted = new HashMap<>();
        db.sql("""
                        select registration_id, coalesce(session_id, '') as door, result_at from scans
                        where event_id = :event and result = 'ADMITTED'
                        """)
                .param("event", eventId)
                .query(rs -> {
                    java.sql.Timestamp at = rs.getTimestamp(3);
                    if (at != null) {
                        admitted.computeIfAbsent(rs.getString(1), id -> new TreeMap<>())
                                .put(rs.getString(2), at.toInstant());
                    }
                });
        return db.sql("""
                        select id, first_name, last_name, organisation, status from registrations
                        where event_id = :event and status in ('CONFIRMED', 'WAITLISTED', 'CANCELLED')
                        order by last_name, first_name, id
                        """)
                .param("event", eventId)
                .query((rs, n) -> {
                    String id = rs.getString("id");
                    Ticket ticket = tickets.issue(eventId, id);
                    String name = ((rs.getString("first_name") == null ? "" : rs.getString("first_name")) + " "
                            + (rs.getString("last_name") == null ? "" : rs.getString("last_name"))).strip();
                    return new Entry(id, name, rs.getString("organisation"), rs.getString("status"), ticket.code(),
                            ticket.shortCode(), seats.getOrDefault(id, List.of()),
                            admitted.getOrDefault(id, Map.of()));
                })
                .list();
    }
}
