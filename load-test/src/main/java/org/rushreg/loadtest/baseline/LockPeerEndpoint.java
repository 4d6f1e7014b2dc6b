package org.rushreg.loadtest.baseline;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lock-based peer: every registration is decided inside the request, in one transaction that locks the
 * event's quota row ({@code SELECT … FOR UPDATE}), as pretix locks a quota and alf.io its tickets. The same
 * rules as the capacity-service for one session: one active registration per email, confirmed while seats
 * remain, then waitlisted in order, and a repeated Idempotency-Key answers the first registration.
 */
@RestController
class LockPeerEndpoint {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    LockPeerEndpoint(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Creates the tables if needed and gives the event {@code seats} seats and no registrations. */
    @PutMapping("/lock/events/{eventId}")
    Map<String, Object> reset(@PathVariable String eventId, @RequestParam int seats) {
        jdbc.execute("""
                create table if not exists quota (event_id text primary key, capacity int not null,
                    confirmed int not null, waitlisted int not null)""");
        jdbc.execute("""
                create table if not exists registration (id text primary key, event_id text not null,
                    email text not null, idempotency_key text, status text not null, reason text,
                    waitlist_position int, first_name text, last_name text, organisation text, locale text,
                    created_at timestamptz not null default now(), unique (event_id, idempotency_key))""");
        jdbc.execute("create index if not exists registration_email on registration (event_id, email)");
        transaction.executeWithoutResult(tx -> {
            jdbc.update("delete from registration where event_id = ?", eventId);
            jdbc.update("delete from quota where event_id = ?", eventId);
            jdbc.update("insert into quota values (?, ?, 0, 0)", eventId, seats);
        });
        return Map.of("eventId", eventId, "seats", seats);
    }

    @PostMapping(path = "/lock/events/{eventId}/registrations", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> register(@PathVariable String eventId, @RequestBody RegistrationBody body,
                                                 @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        String email = body.email().trim().toLowerCase();
        Map<String, Object> decided = transaction.execute(tx -> {
            List<Map<String, Object>> quota = jdbc.queryForList(
                    "select capacity, confirmed, waitlisted from quota where event_id = ? for update", eventId);
            if (quota.isEmpty()) {
                return null;
            }
            if (key != null) {
                List<Map<String, Object>> earlier = jdbc.queryForList(
                        "select id as \"registrationId\", status from registration where event_id = ? and idempotency_key = ?",
                        eventId, key);
                if (!earlier.isEmpty()) {
                    return earlier.get(0);
                }
            }
            String id = UUID.randomUUID().toString();
            Integer active = jdbc.queryForObject(
                    "select count(*) from registration where event_id = ? and email = ? and status <> 'REJECTED'",
                    Integer.class, eventId, email);
            int capacity = (Integer) quota.get(0).get("capacity");
            int confirmed = (Integer) quota.get(0).get("confirmed");
            int waitlisted = (Integer) quota.get(0).get("waitlisted");
            String status;
            String reason = null;
            Integer position = null;
            if (active != null && active > 0) {
                status = "REJECTED";
                reason = "ALREADY_REGISTERED";
            } else if (confirmed < capacity) {
                status = "CONFIRMED";
                jdbc.update("update quota set confirmed = confirmed + 1 where event_id = ?", eventId);
            } else {
                status = "WAITLISTED";
                position = waitlisted + 1;
                jdbc.update("update quota set waitlisted = waitlisted + 1 where event_id = ?", eventId);
            }
            jdbc.update("""
                    insert into registration (id, event_id, email, idempotency_key, status, reason, waitlist_position,
                        first_name, last_name, organisation, locale) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    id, eventId, email, key, status, reason, position, body.firstName(), body.lastName(),
                    body.organisation(), body.locale());
            return Map.<String, Object>of("registrationId", id, "status", status);
        });
        if (decided == null) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok(decided);
    }
}
