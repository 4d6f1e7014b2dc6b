package org.rushreg.registration.privacy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.PersonalDataRequested;
import org.rushreg.messages.ReportPersonalData;
import org.rushreg.messages.Topics;
import org.rushreg.registration.commands.CommandLog;
import org.rushreg.registration.organiser.audit.AuditTrail;
import org.rushreg.registration.organiser.audit.OrganiserAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * What the system holds about one person of one event, for the organiser to answer an access request (GDPR Art. 15):
 * everything the read model keeps of the registrations under their address (trimmed, any case), their sessions, the
 * decisions and email reports about them; what the notification-service and the capacity-service hold of the same
 * registrations, asked for with their ids only and answered on {@code personal-data.access} within
 * {@link AccessProperties#answerWait}, sealed for a key only the waiting request holds (decision 0050); and a note of
 * what the topics keep. Audited without the person's data.
 */
@Component
public class PersonAccess {

    static final String NOTIFICATIONS = "notification-service";
    static final String CAPACITY = "capacity-service";

    /** What the other stores hold about a registration, as docs/personal-data.md lists it. */
    static final Map<String, String> STORES = Map.of(
            NOTIFICATIONS, "recipient: first and last name, address and language of each confirmed or waitlisted "
                    + "registration; sent_email: which emails were sent (kind, status, time), no address; "
                    + "reminder_claim: a keyed digest of the address",
            CAPACITY, "each registration's status and seats and a keyed digest (HMAC) of the address");

    /** What no store can be asked for: described only. */
    static final List<Map<String, String>> ELSEWHERE = List.of(
            Map.of("store", "Kafka topics",
                    "holds", "registration.commands and registration.decisions keep the registration (name, address, "
                            + "organisation, sector, language, consents) until their retention.ms and one segment.ms, a "
                            + "seventh of it, have passed (8 days by default; decision 0048)"));

    private static final Logger log = LoggerFactory.getLogger(PersonAccess.class);

    /** Longer than the producer's delivery timeout, which ends every send before it with a definite answer. */
    private static final long SEND_TIMEOUT_SECONDS = 9;

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final CommandLog commands;
    private final KafkaTemplate<byte[], byte[]> kafka;
    private final PersonalDataReports reports;
    private final Duration wait;

    PersonAccess(JdbcClient jdbc, AuditTrail audit, CommandLog commands, KafkaTemplate<byte[], byte[]> kafka,
                 PersonalDataReports reports, AccessProperties properties) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.commands = commands;
        this.kafka = kafka;
        this.reports = reports;
        this.wait = properties.answerWait();
    }

    /** Everything held about the person; an {@link ErasureRefusal} (400, 404) when the request is invalid or nobody. */
    public Map<String, Object> of(String eventId, String email, String organiser) {
        PersonErasures.check(eventId, email);
        List<Map<String, Object>> registrations = jdbc.sql("""
                        select id, status, reason, first_name, last_name, email, organisation, sector, locale,
                               terms_version, privacy_version, optional_consent, newsletter_version,
                               newsletter_withdrawn_at, created_at, decided_at
                        from registrations where event_id = :event and lower(trim(email)) = lower(trim(:email))
                        order by created_at""")
                .param("event", eventId).param("email", email).query((rs, row) -> {
                    Map<String, Object> registration = new LinkedHashMap<>();
                    registration.put("registrationId", rs.getString("id"));
                    registration.put("status", rs.getString("status"));
                    registration.put("reason", rs.getString("reason"));
                    registration.put("firstName", rs.getString("first_name"));
                    registration.put("lastName", rs.getString("last_name"));
                    registration.put("email", rs.getString("email"));
                    registration.put("organisation", rs.getString("organisation"));
                    registration.put("sector", rs.getString("sector"));
                    registration.put("locale", rs.getString("locale"));
                    registration.put("termsVersion", rs.getString("terms_version"));
                    registration.put("privacyVersion", rs.getString("privacy_version"));
                    registration.put("optionalConsent", rs.getBoolean("optional_consent"));
                    registration.put("optionalConsentVersion", rs.getString("newsletter_version"));
                    registration.put("optionalConsentWithdrawnAt", instant(rs.getTimestamp("newsletter_withdrawn_at")));
                    registration.put("registeredAt", instant(rs.getTimestamp("created_at")));
                    registration.put("decidedAt", instant(rs.getTimestamp("decided_at")));
                    return registration;
                }).list();
        if (registrations.isEmpty()) {
            throw ErasureRefusal.unknownPerson(eventId);
        }
        List<String> ids = new ArrayList<>();
        for (Map<String, Object> registration : registrations) {
            String id = (String) registration.get("registrationId");
            ids.add(id);
            registration.put("sessions", jdbc.sql("""
                            select session_id, status, waitlist_position from registration_sessions
                            where registration_id = :id order by position""").param("id", id)
                    .query((rs, row) -> {
                        Map<String, Object> session = new LinkedHashMap<>();
                        session.put("sessionId", rs.getString(1));
                        session.put("status", rs.getString(2));
                        session.put("waitlistPosition", rs.getObject(3));
                        return session;
                    }).list());
            registration.put("decisions", jdbc.sql("""
                            select kind, reason, applied_at from outcomes where registration_id = :id
                            order by applied_at""").param("id", id)
                    .query((rs, row) -> {
                        Map<String, Object> decision = new LinkedHashMap<>();
                        decision.put("kind", rs.getString(1));
                        decision.put("reason", rs.getString(2));
                        decision.put("at", instant(rs.getTimestamp(3)));
                        return decision;
                    }).list());
            registration.put("emails", jdbc.sql("""
                            select kind, status, reason, reported_at from email_deliveries where registration_id = :id
                            order by reported_at""").param("id", id)
                    .query((rs, row) -> {
                        Map<String, Object> delivery = new LinkedHashMap<>();
                        delivery.put("kind", rs.getString(1));
                        delivery.put("status", rs.getString(2));
                        delivery.put("reason", rs.getString(3));
                        delivery.put("at", instant(rs.getTimestamp(4)));
                        return delivery;
                    }).list());
        }
        List<Map<String, Object>> stores = askTheOtherStores(eventId, ids);
        audit.record(organiser, OrganiserAction.ACCESS_REQUESTED, eventId, null,
                registrations.size() + " registrations shown");
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("eventId", eventId);
        person.put("registrations", registrations);
        person.put("stores", stores);
        person.put("elsewhere", ELSEWHERE);
        return person;
    }

    /**
     * Asks the capacity-service (a command on the event's log: the instance holding the event's state answers, in
     * order with the event's other commands) and the notification-service (a request on the access topic: any
     * instance answers) with the registration ids only, and waits for both answers up to {@link #wait}. A store that
     * could not be asked or did not answer in time is listed as not answered.
     */
    private List<Map<String, Object>> askTheOtherStores(String eventId, List<String> registrationIds) {
        String requestId = UUID.randomUUID().toString();
        PersonalDataReports.Answers answers = reports.expect(requestId);
        try {
            boolean capacityAsked = send(requestId, () -> commands.append(
                    ReportPersonalData.of(eventId, requestId, registrationIds, answers.publicKey())));
            boolean notificationsAsked = send(requestId, () -> kafka.send(new ProducerRecord<>(
                            Topics.PERSONAL_DATA_ACCESS.name(), requestId.getBytes(StandardCharsets.UTF_8),
                            MessageJson.toBytes(PersonalDataRequested.of(requestId, eventId, registrationIds,
                                    answers.publicKey()))))
                    .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            if (!capacityAsked) {
                answers.capacityNotAsked();
            }
            if (!notificationsAsked) {
                answers.notificationsNotAsked();
            }
            reports.await(answers, wait);
            Map<String, Object> notifications = null;
            if (answers.notifications() != null) {
                notifications = new LinkedHashMap<>();
                notifications.put("recipients", plain(answers.notifications().recipients()));
                notifications.put("sentEmails", plain(answers.notifications().sentEmails()));
                notifications.put("reminderClaims", plain(answers.notifications().reminderClaims()));
            }
            List<Map<String, Object>> stores = List.of(store(NOTIFICATIONS, notificationsAsked, notifications),
                    store(CAPACITY, capacityAsked, answers.capacity() == null ? null
                            : Map.of("registrations", plain(answers.capacity().registrations()))));
            log.info("Access request {} of event {}: {} registrations, answered by {}", requestId, eventId,
                    registrationIds.size(), stores.stream().filter(store -> (Boolean) store.get("answered"))
                            .map(store -> store.get("store")).toList());
            return stores;
        } finally {
            reports.stop(requestId);
        }
    }

    /** The records as their message JSON has them (times in ISO-8601), for the JSON answer and the page alike. */
    private static List<?> plain(List<?> records) {
        return MessageJson.fromBytes(MessageJson.toBytes(records), List.class);
    }

    private interface Send {
        void run() throws Exception;
    }

    /** Whether the broker took the request; a refusal is logged and its store shown as not answered. */
    private static boolean send(String requestId, Send send) {
        try {
            send.run();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            log.warn("Access request {}: the broker did not take it ({})", requestId, e.toString());
            return false;
        }
    }

    private Map<String, Object> store(String name, boolean asked, Map<String, Object> holds) {
        Map<String, Object> store = new LinkedHashMap<>();
        store.put("store", name);
        store.put("answered", holds != null);
        if (holds != null) {
            store.put("holds", holds);
        } else {
            store.put("message", asked
                    ? "It did not answer within " + wait.toMillis() / 1000.0 + " s (it may be down or busy): ask "
                            + "again in a minute; below is what it holds in general."
                    : "It could not be asked (the broker did not take the request): ask again in a minute; below "
                            + "is what it holds in general.");
        }
        store.put("description", STORES.get(name));
        return store;
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
