package org.rushreg.registration.checkin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rushreg.messages.tickets.Ticket;
import org.rushreg.registration.tickets.Tickets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a door's device keeps of an event (issue 16): each registration that holds or held a seat — confirmed, or
 * cancelled since (so that a cancelled ticket is refused offline too) — with the holder's name and organisation (to
 * search and to greet), its ticket's code and short code, and the sessions it holds a seat in. Staff only; the
 * device keeps it until the next sync replaces it.
 */
@Component
class DoorList {

    record Entry(String registrationId, String name, String organisation, String status, String code,
                 String shortCode, List<String> sessions) {
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
        return db.sql("""
                        select id, first_name, last_name, organisation, status from registrations
                        where event_id = :event and status in ('CONFIRMED', 'CANCELLED')
                        order by last_name, first_name, id
                        """)
                .param("event", eventId)
                .query((rs, n) -> {
                    String id = rs.getString("id");
                    Ticket ticket = tickets.issue(eventId, id);
                    String name = ((rs.getString("first_name") == null ? "" : rs.getString("first_name")) + " "
                            + (rs.getString("last_name") == null ? "" : rs.getString("last_name"))).strip();
                    return new Entry(id, name, rs.getString("organisation"), rs.getString("status"), ticket.code(),
                            ticket.shortCode(), seats.getOrDefault(id, List.of()));
                })
                .list();
    }
}
