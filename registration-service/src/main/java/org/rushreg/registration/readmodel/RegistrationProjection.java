package org.rushreg.registration.readmodel;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rushreg.messages.ConsentRecord;
import org.rushreg.messages.RegisterAttendee;
import org.rushreg.messages.Registrant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records each registration from its {@code RegisterAttendee} command: the row with the registrant, the consents
 * and when the request was accepted, and its sessions, PENDING. The request path writes nothing to the database,
 * so this is where a registration first appears here. The command and the decision are read from different topics
 * and either may be applied first: the command never sets the status, reason or decision time, and its sessions
 * are added only while the registration is still PENDING, so it cannot turn a decision back into PENDING.
 */
@Component
class RegistrationProjection {

    private static final Logger log = LoggerFactory.getLogger(RegistrationProjection.class);

    /**
     * The first command of a registration wins: a repeat of the request (same Idempotency-Key, so the same id) sends
     * its command again, and the capacity service keeps the first one's choice. A row a decision created first lacks
     * what only the command carries (terms_version among it), so the command fills in the empty columns; a
     * redelivered command writes nothing.
     */
    private static final String REGISTRATION = """
            insert into registrations (id, event_id, status, first_name, last_name, email, organisation, locale,
                                       sector, terms_version, privacy_version, optional_consent, newsletter_version,
                                       created_at)
            values (?, ?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (id) do update set first_name = coalesce(registrations.first_name, excluded.first_name),
                last_name = coalesce(registrations.last_name, excluded.last_name),
                email = coalesce(registrations.email, excluded.email),
                organisation = coalesce(registrations.organisation, excluded.organisation),
                locale = coalesce(registrations.locale, excluded.locale),
                sector = coalesce(registrations.sector, excluded.sector),
                terms_version = coalesce(registrations.terms_version, excluded.terms_version),
                privacy_version = coalesce(registrations.privacy_version, excluded.privacy_version),
                optional_consent = case when registrations.terms_version is null then excluded.optional_consent
                                        else registrations.optional_consent end,
                newsletter_version = case when registrations.terms_version is null then excluded.newsletter_version
                                          else registrations.newsletter_version end,
                created_at = least(registrations.created_at, excluded.created_at)
            where (registrations.terms_version is null or excluded.created_at < registrations.created_at)
                and registrations.erased_at is null
            """;

    /**
     * All sessions of one registration in one statement, and only while it has none and is PENDING: a decision
     * applied first has written them already, and a repeated command may name other sessions than the first.
     */
    private static final String SESSIONS = """
            insert into registration_sessions (registration_id, session_id, position, status)
            select r.id, asked.session_id, asked.ordinal - 1, 'PENDING'
            from registrations r, unnest(?::text[]) with ordinality as asked (session_id, ordinal)
            where r.id = ? and r.status = 'PENDING'
              and not exists (select 1 from registration_sessions s where s.registration_id = r.id)
            on conflict (registration_id, session_id) do nothing
            """;

    private final JdbcTemplate jdbc;

    RegistrationProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the registrations of one poll in one transaction, each row once. */
    @Transactional
    void apply(List<RegisterAttendee> commands) {
        // A command read twice in one poll (a repeated request, a producer's retry) is one registration: the first.
        // Rows in the order of their ids, as the decisions' rows are written: the two are applied by different
        // threads (ReadModelBindings), and two transactions that lock the same rows in different orders deadlock.
        Map<String, RegisterAttendee> byId = new TreeMap<>();
        commands.forEach(command -> byId.putIfAbsent(command.registrationId(), command));
        forgetErasedEvents(byId);
        if (byId.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(REGISTRATION, byId.values(), byId.size(), RegistrationProjection::registration);
        jdbc.batchUpdate(SESSIONS, byId.values(), byId.size(), (ps, command) -> {
            ps.setArray(1, ps.getConnection().createArrayOf("text", command.sessionIds().toArray()));
            ps.setString(2, command.registrationId());
        });
        if (log.isDebugEnabled()) {
            byId.values().forEach(c -> log.debug("Registration {} of event {} recorded from its command",
                    c.registrationId(), c.eventId()));
        }
        log.info("Recorded {} registrations from their commands", byId.size());
    }

    /**
     * Commands of an event whose personal data was erased (its retention is over) are not recorded again: a
     * consumer reading the topic from an older offset must not bring the names back.
     */
    private void forgetErasedEvents(Map<String, RegisterAttendee> byId) {
        String[] events = byId.values().stream().map(RegisterAttendee::eventId).distinct().toArray(String[]::new);
        List<String> erased = jdbc.queryForList(
                "select id from events where personal_data_erased_at is not null and id = any(?)", String.class,
                (Object) events);
        if (!erased.isEmpty()) {
            byId.values().removeIf(command -> erased.contains(command.eventId()));
            log.info("Commands of events whose personal data was erased skipped: {}", erased);
        }
    }

    private static void registration(PreparedStatement ps, RegisterAttendee command) throws SQLException {
        Registrant who = command.registrant();
        ConsentRecord consents = command.consents();
        ps.setString(1, command.registrationId());
        ps.setString(2, command.eventId());
        ps.setString(3, who == null ? null : who.firstName());
        ps.setString(4, who == null ? null : who.lastName());
        ps.setString(5, who == null ? null : who.email());
        ps.setString(6, who == null ? null : who.organisation());
        ps.setString(7, command.locale());
        ps.setString(8, command.sector());
        ps.setString(9, consents == null ? null : consents.termsVersion());
        ps.setString(10, consents == null ? null : consents.privacyVersion());
        ps.setBoolean(11, consents != null && consents.newsletter());
        ps.setString(12, consents == null || !consents.newsletter() ? null : consents.newsletterVersion());
        ps.setTimestamp(13, Timestamp.from(command.createdAt()));
    }
}
