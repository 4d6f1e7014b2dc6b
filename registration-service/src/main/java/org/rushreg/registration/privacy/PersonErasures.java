package org.rushreg.registration.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.rushreg.messages.EmailDigest;
import org.rushreg.messages.ErasePerson;
import org.rushreg.messages.ErasureConfirmed;
import org.rushreg.registration.commands.CommandLog;
import org.rushreg.registration.organiser.audit.AuditTrail;
import org.rushreg.registration.organiser.audit.OrganiserAction;
import org.rushreg.registration.web.Refusal.FieldProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erasure of one person from one event on their request (GDPR Art. 17, decision 0027). The registrations the read
 * model holds under their address become an {@link ErasePerson} command on the event's log: the capacity-service
 * cancels their seats (promoting as for any cancellation) and forgets them first, then every reader of its
 * {@code RegistrationErased} forgets them and confirms. The erasure is recorded under a keyed digest of the address,
 * so a repeated request answers with the same erasure and, while it is not complete, sends the command again (each
 * store carries it out idempotently).
 */
@Component
public class PersonErasures {

    /** Every store that must confirm before an erasure is COMPLETED. */
    public static final List<String> STORES = List.of(ErasureConfirmed.READ_MODEL, ErasureConfirmed.CAPACITY,
            ErasureConfirmed.NOTIFICATIONS);

    private static final Logger log = LoggerFactory.getLogger(PersonErasures.class);
    private static final int MAX_EMAIL_LENGTH = 254;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final CommandLog commands;
    private final AuditTrail audit;
    private final EmailDigest emails;
    private final Clock clock;

    PersonErasures(JdbcClient jdbc, TransactionTemplate transactions, CommandLog commands, AuditTrail audit,
                   ErasureProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.commands = commands;
        this.audit = audit;
        this.emails = EmailDigest.fromSetting(properties.emailDigestKey(), log::warn);
        this.clock = clock;
    }

    /** One store's confirmation of an erasure, with when its last registration was confirmed. */
    public record StoreConfirmation(String store, Instant confirmedAt) {
    }

    /** An erasure as the organiser sees it: PENDING until every store confirmed every registration. */
    public record Status(String erasureId, String eventId, String status, int registrations,
                         List<StoreConfirmation> stores) {
    }

    /**
     * Asks for the erasure of the person registered under {@code email} for {@code eventId}; its id, the same for a
     * repeat. Throws an {@link ErasureRefusal} (400, 404) or the command log's 503.
     */
    public String request(String eventId, String email, String organiser) {
        check(eventId, email);
        String digest = emails.of(eventId, email);
        // One request per person at a time, on any instance: the lock ends with the transaction. The command is sent
        // inside it: refused by the broker, nothing is recorded and the organiser gets the 503 and asks again.
        Requested requested = transactions.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext(:digest))").param("digest", digest).query().singleRow();
            Optional<Erasure> latest = find(eventId, digest);
            List<String> registrationIds = jdbc.sql("""
                            select id from registrations where event_id = :event and erased_at is null
                                and lower(trim(email)) = lower(trim(:email))
                            order by created_at""")
                    .param("event", eventId).param("email", email).query(String.class).list();
            if (latest.isPresent() && latest.get().registrationIds().containsAll(registrationIds)) {
                Erasure erasure = latest.get();
                if (!"COMPLETED".equals(status(erasure).status())) {
                    commands.append(ErasePerson.of(eventId, erasure.id(), erasure.registrationIds()));
                }
                audit.record(organiser, OrganiserAction.ERASURE_REQUESTED, eventId, null,
                        "erasure " + erasure.id() + " asked for again");
                return new Requested(erasure.id(), false, erasure.registrationIds().size());
            }
            if (registrationIds.isEmpty()) {
                throw ErasureRefusal.unknownPerson(eventId);
            }
            String erasureId = UUID.randomUUID().toString();
            jdbc.sql("""
                            insert into erasures (id, event_id, person_digest, registration_ids, requested_at)
                            values (:id, :event, :digest, :ids, :at)""")
                    .param("id", erasureId).param("event", eventId).param("digest", digest)
                    .param("ids", registrationIds.toArray(String[]::new))
                    .param("at", Timestamp.from(clock.instant())).update();
            commands.append(ErasePerson.of(eventId, erasureId, registrationIds));
            audit.record(organiser, OrganiserAction.ERASURE_REQUESTED, eventId, null, "erasure " + erasureId + " of "
                    + registrationIds.size() + " registrations");
            return new Requested(erasureId, true, registrationIds.size());
        });
        log.info("Erasure {} of {} registrations of event {} {}", requested.erasureId(), requested.registrations(),
                eventId, requested.isNew() ? "sent" : "asked for again");
        return requested.erasureId();
    }

    private record Requested(String erasureId, boolean isNew, int registrations) {
    }

    /** The erasure and which stores confirmed it. */
    public Status status(String erasureId) {
        Erasure erasure = jdbc.sql("select id, event_id, registration_ids from erasures where id = :id")
                .param("id", erasureId).query(PersonErasures::erasure).optional()
                .orElseThrow(() -> ErasureRefusal.unknownErasure(erasureId));
        return status(erasure);
    }

    private Status status(Erasure erasure) {
        Map<String, List<String>> confirmed = new LinkedHashMap<>();
        Map<String, Instant> lastAt = new LinkedHashMap<>();
        jdbc.sql("select store, registration_id, confirmed_at from erasure_confirmations where erasure_id = :id")
                .param("id", erasure.id()).query(rs -> {
                    String store = rs.getString(1);
                    confirmed.computeIfAbsent(store, s -> new ArrayList<>()).add(rs.getString(2));
                    Instant at = rs.getTimestamp(3).toInstant();
                    lastAt.merge(store, at, (a, b) -> a.isAfter(b) ? a : b);
                });
        List<StoreConfirmation> stores = STORES.stream()
                .filter(store -> confirmed.getOrDefault(store, List.of()).containsAll(erasure.registrationIds()))
                .map(store -> new StoreConfirmation(store, lastAt.get(store)))
                .toList();
        return new Status(erasure.id(), erasure.eventId(), stores.size() == STORES.size() ? "COMPLETED" : "PENDING",
                erasure.registrationIds().size(), stores);
    }

    private Optional<Erasure> find(String eventId, String digest) {
        return jdbc.sql("select id, event_id, registration_ids from erasures where event_id = :event "
                        + "and person_digest = :digest order by requested_at desc limit 1")
                .param("event", eventId).param("digest", digest).query(PersonErasures::erasure).optional();
    }

    private static Erasure erasure(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Erasure(rs.getString(1), rs.getString(2),
                Arrays.asList((String[]) rs.getArray(3).getArray()));
    }

    private record Erasure(String id, String eventId, List<String> registrationIds) {
    }

    static void check(String eventId, String email) {
        List<FieldProblem> problems = new ArrayList<>();
        if (eventId == null || eventId.isBlank()) {
            problems.add(new FieldProblem("eventId", "must not be blank"));
        } else if (eventId.length() > 200) {
            problems.add(new FieldProblem("eventId", "must be at most 200 characters"));
        }
        if (email == null || email.isBlank()) {
            problems.add(new FieldProblem("email", "must not be blank"));
        } else if (email.strip().length() > MAX_EMAIL_LENGTH || !email.strip().matches("[^@\\s]+@[^@\\s]+")) {
            problems.add(new FieldProblem("email", "must be an email address"));
        }
        if (!problems.isEmpty()) {
            throw ErasureRefusal.invalid(problems);
        }
    }
}
