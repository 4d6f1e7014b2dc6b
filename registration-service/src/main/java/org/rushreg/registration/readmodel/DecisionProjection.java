package org.rushreg.registration.readmodel;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rushreg.messages.RegistrationErased;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.RegistrationPromoted;
import org.rushreg.messages.OrganiserMessageAddressed;
import org.rushreg.messages.SessionChangedByOrganiser;
import org.rushreg.registration.privacy.PersonalDataErasure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps registrations and their sessions as the capacity service decided them, one poll of outcomes at a time: one
 * transaction and a few JDBC batches per poll, each registration row written once with the state after its last
 * outcome in the poll. Every write is an upsert of that state, so a redelivered outcome changes nothing; outcomes of
 * one registration arrive in order because the topic is keyed by registration id. An outcome for a registration
 * whose command has not been applied yet creates the row from the decision's recipient; the command fills in the
 * rest later and never changes the status (see {@link RegistrationProjection}), and this never clears what the
 * command wrote.
 */
@Component
class DecisionProjection {

    private static final Logger log = LoggerFactory.getLogger(DecisionProjection.class);

    private static final String REGISTRATION = """
            insert into registrations (id, event_id, status, reason, first_name, last_name, email, locale,
                                       created_at, decided_at, held_until)
            values (?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, now()), ?, ?)
            on conflict (id) do update set
                status = case when ? and registrations.status = 'HELD' then 'HELD' else excluded.status end,
                reason = excluded.reason,
                decided_at = coalesce(excluded.decided_at, registrations.decided_at),
                held_until = coalesce(excluded.held_until, registrations.held_until),
                first_name = case when registrations.erased_at is null
                                  then coalesce(registrations.first_name, excluded.first_name) end,
                last_name = case when registrations.erased_at is null
                                 then coalesce(registrations.last_name, excluded.last_name) end,
                email = case when registrations.erased_at is null then coalesce(registrations.email, excluded.email) end,
                locale = case when registrations.erased_at is null
                              then coalesce(registrations.locale, excluded.locale) end
            """;

    private static final String FORGET_SESSIONS = "delete from registration_sessions where registration_id = ?";

    private static final String SESSION = """
            insert into registration_sessions (registration_id, session_id, position, status, waitlist_position)
            values (?, ?, ?, ?, ?)
            on conflict (registration_id, session_id) do update set status = excluded.status,
                waitlist_position = excluded.waitlist_position
            """;

    /** The feed of outcomes, once per message id: its update count says whether an outcome is applied the first time. */
    private static final String FEED = """
            insert into outcomes (message_id, registration_id, event_id, kind, reason, session_id, decided_at)
            values (?, ?, ?, ?, ?, ?, ?)
            on conflict (message_id) do nothing
            """;

    /** Each registration an organiser's message reached, once per outcome. */
    private static final String ADDRESSED = """
            insert into organiser_message_recipients (decision_id, organiser_message_id, registration_id, event_id)
            values (?, ?, ?, ?)
            on conflict (decision_id) do nothing
            """;

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    private final PersonalDataErasure erasure;

    DecisionProjection(JdbcTemplate jdbc, ApplicationEventPublisher events, PersonalDataErasure erasure) {
        this.jdbc = jdbc;
        this.events = events;
        this.erasure = erasure;
    }

    @Transactional
    void apply(List<RegistrationOutcome> polled) {
        // An erasure comes after the registration's other outcomes (same key) and changes no status: applied last.
        List<RegistrationErased> erased = polled.stream().filter(RegistrationErased.class::isInstance)
                .map(RegistrationErased.class::cast).toList();
        // An organiser's change of a session changes no registration: the session's time is the catalogue's.
        // Nor does an organiser's message: it is counted for the message's delivery report (decision 0042).
        List<OrganiserMessageAddressed> addressed = polled.stream().filter(OrganiserMessageAddressed.class::isInstance)
                .map(OrganiserMessageAddressed.class::cast).toList();
        List<RegistrationOutcome> outcomes = polled.stream()
                .filter(o -> !(o instanceof RegistrationErased) && !(o instanceof SessionChangedByOrganiser)
                        && !(o instanceof OrganiserMessageAddressed)).toList();
        applyOutcomes(outcomes);
        jdbc.batchUpdate(ADDRESSED, addressed, addressed.size(), (ps, m) -> {
            ps.setString(1, m.messageId());
            ps.setString(2, m.organiserMessageId());
            ps.setString(3, m.registrationId());
            ps.setString(4, m.eventId());
        });
        erased.forEach(e -> erasure.eraseRegistration(e.erasureId(), e.registrationId()));
        if (!erased.isEmpty()) {
            RegistrationChanges.announce(jdbc, erased.stream().map(RegistrationErased::registrationId).toList());
            log.info("Erased the people behind {} registrations from the read model", erased.size());
        }
    }

    private void applyOutcomes(List<RegistrationOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        // Rows in the order of their ids, as the commands' rows are written: the two are applied by different
        // threads (ReadModelBindings), and two transactions that lock the same rows in different orders deadlock.
        Map<String, RegistrationState> registrations = new TreeMap<>();
        for (RegistrationOutcome outcome : outcomes) {
            registrations.computeIfAbsent(outcome.registrationId(), id -> new RegistrationState(outcome.eventId()))
                    .apply(outcome);
        }
        List<RegistrationState> changed = registrations.values().stream().filter(RegistrationState::changed).toList();
        List<RegistrationState> replaced = changed.stream().filter(RegistrationState::sessionsReplaced).toList();
        List<RegistrationState.Session> sessions = new ArrayList<>();
        changed.forEach(state -> sessions.addAll(state.sessions()));

        jdbc.batchUpdate(REGISTRATION, changed, changed.size(), (ps, s) -> {
            ps.setString(1, s.registrationId());
            ps.setString(2, s.eventId());
            ps.setString(3, s.status().name());
            ps.setString(4, s.reason());
            ps.setString(5, s.recipient() == null ? null : s.recipient().firstName());
            ps.setString(6, s.recipient() == null ? null : s.recipient().lastName());
            ps.setString(7, s.recipient() == null ? null : s.recipient().email());
            ps.setString(8, s.recipient() == null ? null : s.recipient().locale());
            ps.setTimestamp(9, timestamp(s.requestedAt()));
            ps.setTimestamp(10, timestamp(s.decidedAt()));
            ps.setTimestamp(11, timestamp(s.heldUntil()));
            ps.setBoolean(12, s.keepsHold());
        });
        jdbc.batchUpdate(FORGET_SESSIONS, replaced, replaced.size(), (ps, s) -> ps.setString(1, s.registrationId()));
        jdbc.batchUpdate(SESSION, sessions, sessions.size(), (ps, s) -> {
            ps.setString(1, s.registrationId());
            ps.setString(2, s.sessionId());
            ps.setInt(3, s.position());
            ps.setString(4, s.status());
            if (s.waitlistPosition() == null) {
                ps.setNull(5, Types.INTEGER);
            } else {
                ps.setInt(5, s.waitlistPosition());
            }
        });
        int[][] fed = jdbc.batchUpdate(FEED, outcomes, outcomes.size(), (ps, o) -> {
            ps.setString(1, o.messageId());
            ps.setString(2, o.registrationId());
            ps.setString(3, o.eventId());
            ps.setString(4, OutcomeApplied.kindOf(o));
            ps.setString(5, OutcomeApplied.reasonOf(o));
            ps.setString(6, o instanceof RegistrationPromoted p ? p.sessionId() : null);
            ps.setTimestamp(7, timestamp(o.createdAt()));
        });

        // Published inside the transaction: the metrics hear of it once it has committed.
        Instant appliedAt = Instant.now();
        for (int i = 0; i < outcomes.size(); i++) {
            events.publishEvent(new OutcomeApplied(outcomes.get(i), fed[0][i] == 1, appliedAt));
        }
        RegistrationChanges.announce(jdbc, registrations.keySet());
        if (log.isDebugEnabled()) {
            outcomes.forEach(o -> log.debug("Registration {} of event {}: {} -> {}", o.registrationId(), o.eventId(),
                    o.getClass().getSimpleName(), RegistrationState.describe(o)));
        }
        log.info("Applied {} outcomes of {} registrations to the read model", outcomes.size(), registrations.size());
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
