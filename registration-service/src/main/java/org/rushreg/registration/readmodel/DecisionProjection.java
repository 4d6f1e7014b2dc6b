package org.rushreg.registration.readmodel;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.RegistrationCancelled;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.RegistrationPromoted;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionsChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps registrations and their sessions as the capacity service decided them. Every write is an upsert of the
 * state after the outcome, so a redelivered outcome changes nothing; outcomes of one registration arrive in
 * order because the topic is keyed by registration id. An outcome for a registration this database never saw
 * (a request whose acknowledgement timed out after the broker took it) creates the row.
 */
@Component
class DecisionProjection {

    private static final Logger log = LoggerFactory.getLogger(DecisionProjection.class);

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    DecisionProjection(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Transactional
    void apply(RegistrationOutcome outcome) {
        // Java 17: no pattern matching for switch yet; the interface is sealed to these four.
        if (outcome instanceof SessionsChanged changed) {
            applyChange(changed);
        } else if (outcome instanceof RegistrationDecided d) {
            upsert(d, d.status(), d.reason() == null ? null : d.reason().name(), d.recipient(), true);
        } else if (outcome instanceof RegistrationPromoted p) {
            upsert(p, p.status() == null ? RegistrationStatus.CONFIRMED : p.status(), null, null, false);
        } else if (outcome instanceof RegistrationCancelled c) {
            upsert(c, RegistrationStatus.CANCELLED, null, null, false);
        }
        log.info("Registration {} of event {}: {} -> {}", outcome.registrationId(), outcome.eventId(),
                outcome.getClass().getSimpleName(), statusOf(outcome));
        // Status pages open in a browser are told (over SSE) once this transaction has committed.
        events.publishEvent(new RegistrationChanged(outcome.registrationId()));
        events.publishEvent(new OutcomeApplied(outcome, recordOnce(outcome), Instant.now()));
    }

    /**
     * A change of sessions replaces the registration's sessions with the new choice; a refused one changes nothing
     * (its reason is in the feed of outcomes, where the manage page finds it).
     */
    private void applyChange(SessionsChanged changed) {
        if (!changed.applied() || changed.status() == null) {
            return;
        }
        jdbc.sql("update registrations set status = :status, reason = null where id = :id")
                .param("status", changed.status().name()).param("id", changed.registrationId()).update();
        jdbc.sql("delete from registration_sessions where registration_id = :id")
                .param("id", changed.registrationId()).update();
        upsertSessions(changed);
    }

    /** Notes the outcome in the feed of outcomes; false when it was there already (a redelivery). */
    private boolean recordOnce(RegistrationOutcome outcome) {
        String reason = outcome instanceof RegistrationDecided d && d.reason() != null ? d.reason().name()
                : outcome instanceof SessionsChanged c && c.reason() != null ? c.reason().name() : null;
        return jdbc.sql("""
                insert into outcomes (message_id, registration_id, event_id, kind, reason)
                values (:id, :registration, :event, :kind, :reason)
                on conflict (message_id) do nothing
                """)
                .param("id", outcome.messageId()).param("registration", outcome.registrationId())
                .param("event", outcome.eventId()).param("kind", OutcomeApplied.kindOf(outcome))
                .param("reason", reason)
                .update() == 1;
    }

    private void upsert(RegistrationOutcome outcome, RegistrationStatus status, String reason, Recipient recipient,
                        boolean decision) {
        jdbc.sql("""
                insert into registrations (id, event_id, status, reason, first_name, last_name, email, locale,
                                           decided_at)
                values (:id, :event, :status, :reason, :firstName, :lastName, :email, :locale, :decidedAt)
                on conflict (id) do update set status = excluded.status, reason = excluded.reason,
                    decided_at = coalesce(excluded.decided_at, registrations.decided_at)
                """)
                .param("id", outcome.registrationId()).param("event", outcome.eventId())
                .param("status", status.name()).param("reason", reason)
                .param("firstName", recipient == null ? null : recipient.firstName())
                .param("lastName", recipient == null ? null : recipient.lastName())
                .param("email", recipient == null ? null : recipient.email())
                .param("locale", recipient == null ? null : recipient.locale())
                .param("decidedAt", decision ? Timestamp.from(outcome.createdAt()) : null, java.sql.Types.TIMESTAMP)
                .update();
        upsertSessions(outcome);
    }

    private void upsertSessions(RegistrationOutcome outcome) {
        List<SessionOutcome> sessions = outcome.sessions();
        for (int i = 0; i < sessions.size(); i++) {
            SessionOutcome s = sessions.get(i);
            jdbc.sql("""
                    insert into registration_sessions (registration_id, session_id, position, status,
                                                       waitlist_position)
                    values (:id, :session, :position, :status, :waitlistPosition)
                    on conflict (registration_id, session_id) do update set status = excluded.status,
                        waitlist_position = excluded.waitlist_position
                    """)
                    .param("id", outcome.registrationId()).param("session", s.sessionId()).param("position", i)
                    .param("status", s.status() == null ? RegistrationStatus.PENDING.name() : s.status().name())
                    .param("waitlistPosition", s.waitlistPosition(), java.sql.Types.INTEGER)
                    .update();
        }
    }

    private static String statusOf(RegistrationOutcome outcome) {
        if (outcome instanceof RegistrationDecided d) {
            return d.status() + (d.reason() == null ? "" : " (" + d.reason() + ")");
        }
        if (outcome instanceof RegistrationPromoted p) {
            return p.status() + " in " + p.sessionId();
        }
        if (outcome instanceof SessionsChanged c) {
            return c.applied() ? c.status() + " with sessions changed" : "change refused (" + c.reason() + ")";
        }
        return "CANCELLED";
    }
}
