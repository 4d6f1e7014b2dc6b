package org.rushreg.registration.organiser.audit;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The record of organiser actions: who did what, when, to which event or registration. Written in the same
 * transaction as the action where there is one, so an action that failed leaves no entry. The detail never holds
 * personal data: registrations are named by id only.
 */
@Repository
public class AuditTrail {

    /** One entry of the log. */
    public record Entry(long id, Instant at, String actor, String action, String eventId, String registrationId,
                        String detail) {
    }

    private final JdbcClient jdbc;

    AuditTrail(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String actor, OrganiserAction action, String eventId, String registrationId, String detail) {
        jdbc.sql("""
                insert into organiser_actions (actor, action, event_id, registration_id, detail)
                values (:actor, :action, :event, :registration, :detail)
                """)
                .param("actor", actor).param("action", action.name()).param("event", eventId)
                .param("registration", registrationId).param("detail", detail)
                .update();
    }

    /** The newest entries first, optionally of one event only. */
    public List<Entry> latest(String eventId, int offset, int limit) {
        return jdbc.sql("""
                select id, at, actor, action, event_id, registration_id, detail from organiser_actions
                where (cast(:event as text) is null or event_id = :event)
                order by at desc, id desc offset :offset limit :limit
                """)
                .param("event", eventId).param("offset", offset).param("limit", limit)
                .query((rs, n) -> new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                        rs.getString("action"), rs.getString("event_id"), rs.getString("registration_id"),
                        rs.getString("detail")))
                .list();
    }
}
