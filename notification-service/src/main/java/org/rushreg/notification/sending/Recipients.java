package org.rushreg.notification.sending;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.rushreg.messages.EventSummary;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.RegistrationCancelled;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationHeld;
import org.rushreg.messages.RegistrationHoldExpired;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.RegistrationPromoted;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.SessionCancelledByOrganiser;
import org.rushreg.messages.SessionChangedByOrganiser;
import org.rushreg.messages.SessionsChanged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The recipient of each registration that may later be promoted or cancelled, taken from its first decision: the
 * capacity service keeps no personal data, so its later messages name only the registration (decision 0003).
 */
@Component
class Recipients {

    /** The status of a registration held for email verification (decision 0030). */
    static final String HELD = "HELD";

    private final JdbcClient jdbc;

    public Recipients(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Remembers the recipients of first decisions, all in one statement (a poll's worth). Idempotent: a redelivered
     * decision finds its row and leaves it alone. Returns the registration ids whose row is new, i.e. whose first
     * decision is handled for the first time. A {@link RegistrationHeld} (decision 0030) is a first decision too: its
     * row says HELD, with no seat, until the verified {@link RegistrationDecided} (which names no recipient) tells what
     * it holds; reminders before the event pass it by.
     */
    public Set<String> remember(List<? extends RegistrationOutcome> decisions) {
        Map<String, RegistrationOutcome> byId = new LinkedHashMap<>();
        decisions.forEach(decided -> byId.putIfAbsent(decided.registrationId(), decided));
        if (byId.isEmpty()) {
            return Set.of();
        }
        // An event whose people were forgotten after its retention (decision 0039) remembers no one again, whatever
        // decision of it is read late: checked in the same statement, so the rush pays nothing for it.
        StringBuilder sql = new StringBuilder("""
                INSERT INTO recipient (registration_id, event_id, email_key, email, first_name, last_name, locale,
                                       decided_at, status, event_summary, held_sessions, starts_at, seat_since)
                SELECT * FROM (VALUES\s""");
        List<Object> params = new ArrayList<>(byId.size() * 13);
        for (RegistrationOutcome first : byId.values()) {
            Instant decidedAt = first.createdAt() == null ? Instant.now() : first.createdAt();
            Recipient recipient;
            Holding holding;
            if (first instanceof RegistrationHeld held) {
                recipient = held.recipient();
                holding = Holding.held(held.event());
            } else {
                RegistrationDecided decided = (RegistrationDecided) first;
                recipient = decided.recipient();
                holding = Holding.of(decided.status(), decided.event(), decided.sessions(), decidedAt);
            }
            sql.append(params.isEmpty() ? "" : ", ").append("(?::text, ?::text, ?::text, ?::text, ?::text, ?::text, "
                    + "?::text, ?::timestamptz, ?::text, ?::jsonb, ?::jsonb, ?::timestamptz, ?::timestamptz)");
            params.addAll(Arrays.asList(first.registrationId(), first.eventId(), emailKey(recipient.email()),
                    recipient.email(), recipient.firstName(), recipient.lastName(), recipient.locale(),
                    Timestamp.from(decidedAt), holding.status(), holding.eventJson(), holding.sessionsJson(),
                    holding.startsAt(), holding.seatSince()));
        }
        sql.append(") AS decided (registration_id, event_id, email_key, email, first_name, last_name, locale, decided_at,"
                + " status, event_summary, held_sessions, starts_at, seat_since)"
                + " WHERE NOT EXISTS (SELECT 1 FROM forgotten_event f WHERE f.event_id = decided.event_id)"
                + " ON CONFLICT (registration_id) DO NOTHING RETURNING registration_id");
        return new HashSet<>(jdbc.sql(sql.toString()).params(params).query(String.class).list());
    }

    /** True while the registration is held for email verification: nothing but the verification email goes to it. */
    public boolean held(String registrationId) {
        return jdbc.sql("SELECT 1 FROM recipient WHERE registration_id = ? AND status = ?")
                .params(registrationId, HELD).query(Integer.class).optional().isPresent();
    }

    public Optional<Recipient> of(String registrationId) {
        return jdbc.sql("SELECT first_name, last_name, email, locale FROM recipient WHERE registration_id = ?")
                .param(registrationId)
                .query((rs, row) -> new Recipient(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional();
    }

    /**
     * Keeps what a registration holds up to date from a later message about it (reminders before the event, decision
     * 0028): a promotion, a change of sessions or an organiser's change of a session replaces its status and confirmed
     * sessions (a seat kept keeps the
     * time it was first held), a cancellation marks it cancelled. One statement, idempotent, nothing for other
     * messages; a registration not known here is left alone.
     */
    public void track(RegistrationOutcome outcome) {
        if (outcome instanceof RegistrationDecided verified && verified.recipient() == null) {
            // The verified decision of a hold (decision 0030): the end of HELD, what it holds now.
            hold(verified.registrationId(), verified.status(), verified.event(), verified.sessions(),
                    verified.createdAt(), true);
        } else if (outcome instanceof RegistrationHoldExpired expired) {
            cancelled(expired.registrationId(), expired.createdAt());
        } else if (outcome instanceof RegistrationPromoted promoted) {
            hold(promoted.registrationId(), promoted.status(), promoted.event(), promoted.sessions(),
                    promoted.createdAt(), false);
        } else if (outcome instanceof SessionsChanged changed && changed.applied()) {
            hold(changed.registrationId(), changed.status(), changed.event(), changed.sessions(), changed.createdAt(),
                    false);
        } else if (outcome instanceof SessionChangedByOrganiser changed && changed.status() != null) {
            // The session's new time moves its reminder with it.
            hold(changed.registrationId(), changed.status(), changed.event(), changed.sessions(), changed.createdAt(),
                    false);
        } else if (outcome instanceof SessionCancelledByOrganiser cancelled
                && cancelled.status() == RegistrationStatus.CANCELLED) {
            // The organiser cancelled the last session it held: nothing to remind of.
            cancelled(cancelled.registrationId(), cancelled.createdAt());
        } else if (outcome instanceof SessionCancelledByOrganiser cancelled && cancelled.status() != null) {
            hold(cancelled.registrationId(), cancelled.status(), cancelled.event(), cancelled.sessions(),
                    cancelled.createdAt(), false);
        } else if (outcome instanceof RegistrationCancelled cancelled) {
            cancelled(cancelled.registrationId(), cancelled.createdAt());
        }
    }

    /**
     * A registration still HELD stays so (a promotion or a change while held is told by its verified decision)
     * unless {@code verified}.
     */
    private void hold(String registrationId, RegistrationStatus status, EventSummary event,
                      List<SessionOutcome> sessions, Instant at, boolean verified) {
        Holding holding = Holding.of(status, event, sessions, at == null ? Instant.now() : at);
        jdbc.sql("""
                UPDATE recipient SET status = ?, event_summary = coalesce(?::jsonb, event_summary),
                       held_sessions = ?::jsonb, starts_at = ?,
                       seat_since = CASE WHEN ? THEN coalesce(seat_since, ?) END
                WHERE registration_id = ? AND (? OR status IS DISTINCT FROM 'HELD')""")
                .params(holding.status(), holding.eventJson(), holding.sessionsJson(), holding.startsAt(),
                        holding.seatSince() != null, holding.seatSince(), registrationId, verified)
                .update();
    }

    /** Someone to remind of an event they hold a seat in: their registration, address, language and seats. */
    public record Holder(String registrationId, String eventId, Recipient recipient, EventSummary event,
                         List<SessionOutcome> sessions, Instant startsAt) {

        @Override
        public String toString() {
            return "Holder[registrationId=" + registrationId + ", personal data hidden]";
        }
    }

    /**
     * Up to {@code limit} registrations to remind {@code before} their start under the sent-record id
     * {@code reminderId}: holding a seat (not cancelled), starting after {@code now} and at most {@code before}
     * from it, held since before the reminder's time (a seat taken later was just confirmed by email), and not yet
     * reminded: no sent-record, or only a claim ({@code SENDING}) made before {@code staleClaims}, whose instance
     * died before the server's answer. Earliest start first.
     */
    public List<Holder> dueForReminder(String reminderId, Duration before, Instant now, Instant staleClaims,
                                       int limit) {
        return jdbc.sql("""
                SELECT r.registration_id, r.event_id, r.first_name, r.last_name, r.email, r.locale, r.event_summary,
                       r.held_sessions, r.starts_at
                FROM recipient r
                WHERE r.cancelled_at IS NULL AND r.status = 'CONFIRMED'
                  AND r.starts_at > ? AND r.starts_at <= ?
                  AND r.seat_since <= r.starts_at - make_interval(secs => ?)
                  AND NOT EXISTS (SELECT 1 FROM sent_email s
                                  WHERE s.registration_id = r.registration_id AND s.decision_id = ?
                                    AND (s.status <> 'SENDING' OR s.recorded_at > ?))
                ORDER BY r.starts_at, r.registration_id
                LIMIT ?""")
                .params(Timestamp.from(now), Timestamp.from(now.plus(before)), (double) before.toSeconds(), reminderId,
                        Timestamp.from(staleClaims), limit)
                .query((rs, row) -> new Holder(rs.getString(1), rs.getString(2),
                        new Recipient(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)),
                        rs.getString(7) == null ? null : MessageJson.fromBytes(
                                rs.getString(7).getBytes(StandardCharsets.UTF_8), EventSummary.class),
                        rs.getString(8) == null ? List.of() : List.of(MessageJson.fromBytes(
                                rs.getString(8).getBytes(StandardCharsets.UTF_8), SessionOutcome[].class)),
                        rs.getTimestamp(9).toInstant()))
                .list();
    }

    /**
     * What a registration holds, as the recipient row keeps it: its status, the event, the confirmed sessions as
     * JSON, when the first of them starts (the event's first day at midnight in its zone when no session has a
     * time) and since when a seat is held (null for none).
     */
    record Holding(String status, String eventJson, String sessionsJson, Timestamp startsAt, Timestamp seatSince) {

        static Holding of(RegistrationStatus status, EventSummary event, List<SessionOutcome> sessions,
                          Instant at) {
            List<SessionOutcome> held = sessions.stream().filter(s -> s.status() == SessionStatus.CONFIRMED).toList();
            boolean seat = !held.isEmpty();
            Instant startsAt = held.stream().map(SessionOutcome::startsAt).filter(Objects::nonNull)
                    .min(Comparator.naturalOrder()).orElse(seat ? firstDay(event) : null);
            return new Holding(seat ? RegistrationStatus.CONFIRMED.name() : status == null ? null : status.name(),
                    event == null ? null : MessageJson.toJson(event), MessageJson.toJson(held),
                    startsAt == null ? null : Timestamp.from(startsAt), seat ? Timestamp.from(at) : null);
        }

        /** A hold for email verification: no seat yet, nothing to remind of. */
        static Holding held(EventSummary event) {
            return new Holding(HELD, event == null ? null : MessageJson.toJson(event), "[]", null, null);
        }

        private static Instant firstDay(EventSummary event) {
            if (event == null || event.startsOn() == null) {
                return null;
            }
            try {
                return event.startsOn().atStartOfDay(ZoneId.of(event.timeZone())).toInstant();
            } catch (RuntimeException e) {
                return event.startsOn().atStartOfDay(ZoneOffset.UTC).toInstant();
            }
        }
    }

    /** A registration an address holds for an event, and its recipient as it registered. */
    public record Active(String registrationId, Recipient recipient) {
    }

    /**
     * The registration an address already holds for an event, which an "already registered" reminder links to and
     * whose name it greets.
     */
    public Optional<Active> activeRegistration(String eventId, String email) {
        return jdbc.sql("""
                SELECT registration_id, first_name, last_name, email, locale FROM recipient
                WHERE event_id = ? AND email_key = ? AND cancelled_at IS NULL
                ORDER BY decided_at DESC LIMIT 1""")
                .params(eventId, emailKey(email))
                .query((rs, row) -> new Active(rs.getString(1),
                        new Recipient(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5))))
                .optional();
    }

    /**
     * Forgets whom the emails of an event's registrations went to, its retention being over (decision 0039); the
     * number of recipients forgotten. Idempotent.
     */
    public int forgetEvent(String eventId) {
        return jdbc.sql("DELETE FROM recipient WHERE event_id = ?").param(eventId).update();
    }

    /** A cancelled registration no longer answers for its address: the person may register again. */
    public void cancelled(String registrationId, Instant at) {
        jdbc.sql("UPDATE recipient SET cancelled_at = ? WHERE registration_id = ? AND cancelled_at IS NULL")
                .params(Timestamp.from(at == null ? Instant.now() : at), registrationId).update();
    }

    /**
     * Forgets whom a registration's emails went to (erasure on request, decision 0027); what proves that emails were
     * sent (sent_email: registration, decision, kind, status) holds no address and stays. Idempotent.
     */
    public void forget(String registrationId) {
        jdbc.sql("DELETE FROM recipient WHERE registration_id = ?").param(registrationId).update();
    }

    static String emailKey(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }
}
