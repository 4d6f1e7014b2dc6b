package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.ConsentRecord;
import org.rushreg.messages.DeliveryStatus;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.NotificationOutcome;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.RegisterAttendee;
import org.rushreg.messages.Registrant;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationPromoted;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.Topics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The read model built from the topics: registrations from their commands, decisions and email reports a poll at a
 * time. Records go through the embedded broker, or, where a test needs to know exactly what one poll held, straight
 * into the service's own batch consumer.
 */
class ReadModelTest extends ServiceTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    private JdbcTemplate db;

    /** The read model's consumer of commands, decisions and email reports, handed polls as the binder does. */
    @Autowired
    @Qualifier("readModel")
    private Consumer<Message<List<byte[]>>> polls;

    private StandInServices services;
    private DefaultKafkaProducerFactory<String, byte[]> producers;

    @BeforeEach
    void kafka() {
        services = new StandInServices(broker);
        producers = new DefaultKafkaProducerFactory<>(KafkaTestUtils.producerProps(broker), new StringSerializer(),
                new ByteArraySerializer());
    }

    @AfterEach
    void closeKafka() {
        services.close();
        producers.destroy();
    }

    private static RegisterAttendee command(String registrationId, Instant acceptedAt, String... sessions) {
        return new RegisterAttendee(Schema.newMessageId(), acceptedAt, Schema.VERSION, EVENT, registrationId,
                new Registrant("Zofia", "Wiśniewska", "zofia@example.org", "Instytut Rozwoju Miast i Regionów"),
                List.of(sessions), "en", "science", new ConsentRecord("2024-06-01", "2024-05-15", true));
    }

    private void publishCommand(RegisterAttendee command) {
        new KafkaTemplate<>(producers).send(Topics.REGISTRATION_COMMANDS.name(), command.eventId(),
                MessageJson.toBytes(command)).join();
    }

    private Map<String, Object> row(String registrationId) {
        List<Map<String, Object>> rows = db.queryForList("select * from registrations where id = ?", registrationId);
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    private List<Map<String, Object>> sessions(String registrationId) {
        return db.queryForList("""
                select session_id, position, status, waitlist_position from registration_sessions
                where registration_id = ? order by position
                """, registrationId);
    }

    private static Instant accepted() {
        // PostgreSQL keeps microseconds.
        return Instant.now().truncatedTo(ChronoUnit.MICROS).minusSeconds(2);
    }

    private static Message<List<byte[]>> poll(String topic, List<String> keys, List<byte[]> values) {
        return poll(java.util.Collections.nCopies(values.size(), topic), keys, values);
    }

    /** A poll as the binder hands it over in batch mode: one list per header, the record's topic among them. */
    private static Message<List<byte[]>> poll(List<String> topics, List<String> keys, List<byte[]> values) {
        List<Integer> partitions = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            partitions.add(0);
            offsets.add((long) i);
        }
        return MessageBuilder.withPayload(values)
                .setHeader(KafkaHeaders.RECEIVED_TOPIC, topics)
                .setHeader(KafkaHeaders.RECEIVED_KEY, keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList())
                .setHeader(KafkaHeaders.RECEIVED_PARTITION, partitions)
                .setHeader(KafkaHeaders.OFFSET, offsets)
                .build();
    }

    @Test
    void aPollOfAllThreeTopicsRecordsTheRegistrationThenItsDecisionThenItsEmailWhateverTheirOrderInThePoll() {
        String id = UUID.randomUUID().toString();
        Instant acceptedAt = accepted();
        RegisterAttendee registered = command(id, acceptedAt, "day-1");
        RegistrationDecided decision = decided(id, SessionStatus.CONFIRMED, "day-1");
        NotificationOutcome emailed = report(decision, DeliveryStatus.SENT, null,
                Instant.now().truncatedTo(ChronoUnit.MICROS));

        polls.accept(poll(List.of(Topics.NOTIFICATION_OUTCOMES.name(), Topics.REGISTRATION_DECISIONS.name(),
                        Topics.REGISTRATION_COMMANDS.name()), List.of(id, id, EVENT),
                List.of(MessageJson.toBytes(emailed), MessageJson.toBytes(decision), MessageJson.toBytes(registered))));

        assertThat(row(id)).containsEntry("status", "CONFIRMED").containsEntry("first_name", "Zofia")
                .containsEntry("email", "zofia@example.org").containsEntry("locale", "en")
                .containsEntry("organisation", "Instytut Rozwoju Miast i Regionów").containsEntry("sector", "science")
                .containsEntry("terms_version", "2024-06-01").containsEntry("privacy_version", "2024-05-15")
                .containsEntry("optional_consent", true);
        assertThat(((Timestamp) row(id).get("created_at")).toInstant()).isEqualTo(acceptedAt);
        assertThat(sessions(id)).extracting(s -> s.get("session_id") + "@" + s.get("position") + ":" + s.get("status"))
                .containsExactly("day-1@0:CONFIRMED");
        assertThat(db.queryForObject("select status from email_deliveries where decision_id = ?", String.class,
                decision.messageId())).isEqualTo("SENT");
    }

    @Test
    void aRegistrationWhoseDecisionIsSetAsideIsStillRecordedFromItsCommandInTheSamePoll() {
        String id = UUID.randomUUID().toString();
        RegisterAttendee registered = command(id, accepted(), "day-1");
        RegistrationDecided valid = decided(id, SessionStatus.CONFIRMED, "day-1");
        // Valid JSON and a complete decision, but PostgreSQL takes no NUL character in text.
        RegistrationDecided refused = new RegistrationDecided(valid.messageId(), valid.createdAt(), Schema.VERSION, id,
                EVENT, valid.commandId(), valid.requestedAt(), valid.status(), null,
                List.of(new SessionOutcome("day-\u00001", "day-1", Instant.now(), Instant.now(),
                        SessionStatus.CONFIRMED, null)), null, valid.recipient());

        polls.accept(poll(List.of(Topics.REGISTRATION_COMMANDS.name(), Topics.REGISTRATION_DECISIONS.name()),
                List.of(EVENT, id), List.of(MessageJson.toBytes(registered), MessageJson.toBytes(refused))));

        assertThat(row(id)).containsEntry("status", "PENDING").containsEntry("first_name", "Zofia")
                .containsEntry("terms_version", "2024-06-01");
        assertThat(sessions(id)).extracting(s -> s.get("session_id") + ":" + s.get("status"))
                .containsExactly("day-1:PENDING");
        assertThat(deadLetter(Topics.REGISTRATION_DECISIONS.deadLetterName(), id).value())
                .isEqualTo(MessageJson.toBytes(refused));
    }

    private static RegistrationDecided decided(String registrationId, SessionStatus status, String... sessions) {
        RegistrationStatus overall = status == SessionStatus.CONFIRMED ? RegistrationStatus.CONFIRMED
                : status == SessionStatus.WAITLISTED ? RegistrationStatus.WAITLISTED : RegistrationStatus.REJECTED;
        List<SessionOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < sessions.length; i++) {
            outcomes.add(new SessionOutcome(sessions[i], sessions[i], Instant.now(), Instant.now(), status,
                    status == SessionStatus.WAITLISTED ? i + 1 : null));
        }
        return new RegistrationDecided(Schema.newMessageId(), Instant.now(), Schema.VERSION, registrationId, EVENT,
                Schema.newMessageId(), Instant.now().minusSeconds(1), overall, null, outcomes, null,
                new Recipient("Anna", "Nowak", "anna@example.org", "pl"));
    }

    @Test
    void aCommandBecomesAPendingRegistrationWithTheRegistrantAndTheConsents() {
        String id = UUID.randomUUID().toString();
        Instant acceptedAt = accepted();
        publishCommand(command(id, acceptedAt, "day-1", "day-2"));

        await().atMost(PATIENCE).until(() -> !row(id).isEmpty() && sessions(id).size() == 2);
        Map<String, Object> row = row(id);
        assertThat(row).containsEntry("event_id", EVENT).containsEntry("status", "PENDING")
                .containsEntry("first_name", "Zofia").containsEntry("last_name", "Wiśniewska")
                .containsEntry("email", "zofia@example.org")
                .containsEntry("organisation", "Instytut Rozwoju Miast i Regionów").containsEntry("locale", "en")
                .containsEntry("sector", "science").containsEntry("terms_version", "2024-06-01")
                .containsEntry("privacy_version", "2024-05-15").containsEntry("optional_consent", true);
        assertThat(row.get("reason")).isNull();
        assertThat(row.get("decided_at")).isNull();
        assertThat(((Timestamp) row.get("created_at")).toInstant()).isEqualTo(acceptedAt);
        assertThat(sessions(id)).extracting(s -> s.get("session_id") + "@" + s.get("position") + ":" + s.get("status"))
                .containsExactly("day-1@0:PENDING", "day-2@1:PENDING");
        assertThat(get("/api/registrations/" + id).json().path("status").asString()).isEqualTo("PENDING");
    }

    @Test
    void aDecisionAppliedBeforeItsCommandStaysDecidedAndTheCommandFillsInTheRest() {
        String id = UUID.randomUUID().toString();
        Instant acceptedAt = accepted();
        services.decide(id, acceptedAt, SessionStatus.CONFIRMED, "day-1", "day-2");
        await().atMost(PATIENCE).until(() -> "CONFIRMED".equals(row(id).get("status")));

        publishCommand(command(id, acceptedAt, "day-1", "day-2"));
        await().atMost(PATIENCE).until(() -> row(id).get("terms_version") != null);
        Map<String, Object> row = row(id);
        assertThat(row).containsEntry("status", "CONFIRMED")
                .containsEntry("organisation", "Instytut Rozwoju Miast i Regionów").containsEntry("sector", "science")
                .containsEntry("terms_version", "2024-06-01").containsEntry("privacy_version", "2024-05-15")
                .containsEntry("optional_consent", true)
                // the decision's recipient came first; the command does not overwrite it
                .containsEntry("first_name", "Anna").containsEntry("email", "anna@example.org");
        assertThat(row.get("decided_at")).isNotNull();
        assertThat(((Timestamp) row.get("created_at")).toInstant()).isEqualTo(acceptedAt);
        assertThat(sessions(id)).extracting(s -> s.get("session_id") + ":" + s.get("status"))
                .containsExactly("day-1:CONFIRMED", "day-2:CONFIRMED");
    }

    @Test
    void aRepeatedCommandChangesNothingThatTheFirstOneRecorded() {
        String id = UUID.randomUUID().toString();
        Instant acceptedAt = accepted();
        publishCommand(command(id, acceptedAt, "day-1"));
        await().atMost(PATIENCE).until(() -> sessions(id).size() == 1);

        RegisterAttendee repeat = new RegisterAttendee(Schema.newMessageId(), acceptedAt.plusSeconds(1),
                Schema.VERSION, EVENT, id, new Registrant("Other", "Person", "other@example.org", "Elsewhere"),
                List.of("day-2", "walk-revitalisation"), "pl", "business", new ConsentRecord("x", "y", false));
        publishCommand(repeat);
        // A marker after the repeat on the same partition: once it is recorded, so is the repeat.
        String marker = UUID.randomUUID().toString();
        publishCommand(command(marker, accepted(), "day-1"));
        await().atMost(PATIENCE).until(() -> !row(marker).isEmpty());

        assertThat(row(id)).containsEntry("first_name", "Zofia").containsEntry("organisation",
                "Instytut Rozwoju Miast i Regionów").containsEntry("terms_version", "2024-06-01")
                .containsEntry("optional_consent", true);
        assertThat(((Timestamp) row(id).get("created_at")).toInstant()).isEqualTo(acceptedAt);
        assertThat(sessions(id)).extracting(s -> s.get("session_id")).containsExactly("day-1");
    }

    @Test
    void manyDecisionsEndWithTheRightRowsAndOneOutcomeEach() {
        List<RegistrationDecided> decisions = new ArrayList<>();
        Map<String, String> expected = new java.util.HashMap<>();
        KafkaTemplate<String, byte[]> kafka = new KafkaTemplate<>(producers);
        for (int i = 0; i < 300; i++) {
            String id = UUID.randomUUID().toString();
            SessionStatus status = i % 3 == 0 ? SessionStatus.WAITLISTED : SessionStatus.CONFIRMED;
            RegistrationDecided decision = decided(id, status, "day-1", "day-2");
            decisions.add(decision);
            kafka.send(Topics.REGISTRATION_DECISIONS.name(), id, MessageJson.toBytes(decision));
            expected.put(id, status == SessionStatus.WAITLISTED ? "WAITLISTED" : "CONFIRMED");
            if (i % 25 == 0) {
                // The same decision twice (as a producer's retry writes it) counts once and changes nothing.
                kafka.send(Topics.REGISTRATION_DECISIONS.name(), id, MessageJson.toBytes(decision));
            }
            if (i % 10 == 0) {
                // Several outcomes of one registration, likely in one poll: promoted after its decision.
                kafka.send(Topics.REGISTRATION_DECISIONS.name(), id, MessageJson.toBytes(new RegistrationPromoted(
                        Schema.newMessageId(), Instant.now(), Schema.VERSION, id, EVENT, "day-1",
                        RegistrationStatus.CONFIRMED, List.of(
                                new SessionOutcome("day-1", "day-1", null, null, SessionStatus.CONFIRMED, null),
                                new SessionOutcome("day-2", "day-2", null, null, SessionStatus.WAITLISTED, 3)),
                        null)));
                expected.put(id, "CONFIRMED");
            }
        }
        kafka.flush();
        Set<String> ids = expected.keySet();
        String idList = "'" + String.join("','", ids) + "'";
        await().atMost(PATIENCE).until(() -> db.queryForObject(
                "select count(*) from outcomes where registration_id in (" + idList + ")", Integer.class) == 330);

        Map<String, String> statuses = new java.util.HashMap<>();
        db.query("select id, status from registrations where id in (" + idList + ")",
                rs -> { statuses.put(rs.getString(1), rs.getString(2)); });
        assertThat(statuses).isEqualTo(expected);
        assertThat(db.queryForObject("select count(*) from registration_sessions where registration_id in (" + idList
                + ")", Integer.class)).isEqualTo(600);
        String promoted = decisions.get(10).registrationId();
        assertThat(sessions(promoted)).extracting(s -> s.get("session_id") + ":" + s.get("status") + ":"
                + s.get("waitlist_position")).containsExactly("day-1:CONFIRMED:null", "day-2:WAITLISTED:3");
        assertThat(db.queryForObject("select count(distinct message_id) from outcomes where registration_id in ("
                + idList + ")", Integer.class)).isEqualTo(330);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheRestOfItsPollIsApplied() {
        RegistrationDecided before = decided(UUID.randomUUID().toString(), SessionStatus.CONFIRMED, "day-1");
        RegistrationDecided after = decided(UUID.randomUUID().toString(), SessionStatus.WAITLISTED, "day-2");
        String poison = "poison-" + UUID.randomUUID();

        polls.accept(poll(Topics.REGISTRATION_DECISIONS.name(),
                List.of(before.registrationId(), poison, after.registrationId()),
                List.of(MessageJson.toBytes(before), "{not a decision".getBytes(StandardCharsets.UTF_8),
                        MessageJson.toBytes(after))));

        assertThat(row(before.registrationId())).containsEntry("status", "CONFIRMED");
        assertThat(row(after.registrationId())).containsEntry("status", "WAITLISTED");
        ConsumerRecord<String, byte[]> letter = deadLetter(Topics.REGISTRATION_DECISIONS.deadLetterName(), poison);
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("{not a decision");
        assertThat(new String(letter.headers().lastHeader("x-original-topic").value(), StandardCharsets.UTF_8))
                .isEqualTo(Topics.REGISTRATION_DECISIONS.name());
        assertThat(letter.headers().lastHeader("x-exception-message")).isNotNull();
    }

    @Test
    void aDecisionTheDatabaseRefusesGoesToTheDeadLetterTopicAloneAndTheRestOfItsPollIsApplied() {
        RegistrationDecided before = decided(UUID.randomUUID().toString(), SessionStatus.CONFIRMED, "day-1");
        RegistrationDecided valid = decided(UUID.randomUUID().toString(), SessionStatus.CONFIRMED, "day-1");
        // Valid JSON and a complete decision, but PostgreSQL takes no NUL character in text.
        RegistrationDecided refused = new RegistrationDecided(valid.messageId(), valid.createdAt(), Schema.VERSION,
                valid.registrationId(), EVENT, valid.commandId(), valid.requestedAt(), valid.status(), null,
                valid.sessions(), null, new Recipient("An\u0000na", "Nowak", "anna@example.org", "pl"));
        RegistrationDecided after = decided(UUID.randomUUID().toString(), SessionStatus.WAITLISTED, "day-2");

        polls.accept(poll(Topics.REGISTRATION_DECISIONS.name(),
                List.of(before.registrationId(), refused.registrationId(), after.registrationId()),
                List.of(MessageJson.toBytes(before), MessageJson.toBytes(refused), MessageJson.toBytes(after))));

        assertThat(row(before.registrationId())).containsEntry("status", "CONFIRMED");
        assertThat(row(after.registrationId())).containsEntry("status", "WAITLISTED");
        assertThat(row(refused.registrationId())).isEmpty();
        ConsumerRecord<String, byte[]> letter = deadLetter(Topics.REGISTRATION_DECISIONS.deadLetterName(),
                refused.registrationId());
        assertThat(letter.value()).isEqualTo(MessageJson.toBytes(refused));
    }

    @Test
    void aPoisonRecordOnTheBrokerGoesToTheDeadLetterTopicWithoutStoppingTheDecisionsBehindIt() {
        String poison = "poison-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        KafkaTemplate<String, byte[]> kafka = new KafkaTemplate<>(producers);
        kafka.send(Topics.REGISTRATION_DECISIONS.name(), poison, "{\"type\":\"RegistrationDecided\"}".getBytes());
        kafka.send(Topics.REGISTRATION_DECISIONS.name(), id,
                MessageJson.toBytes(decided(id, SessionStatus.CONFIRMED, "day-1")));
        kafka.flush();

        await().atMost(PATIENCE).until(() -> "CONFIRMED".equals(row(id).get("status")));
        assertThat(deadLetter(Topics.REGISTRATION_DECISIONS.deadLetterName(), poison).key()).isEqualTo(poison);
    }

    @Test
    void severalReportsOfOneEmailInOnePollEndInTheFinalOne() {
        RegistrationDecided decision = decided(UUID.randomUUID().toString(), SessionStatus.CONFIRMED, "day-1");
        Instant t = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String poison = "poison-" + UUID.randomUUID();
        List<NotificationOutcome> reports = List.of(
                report(decision, DeliveryStatus.RETRYING, "SMTP down", t),
                report(decision, DeliveryStatus.SENT, null, t.plusSeconds(1)),
                // a late RETRYING never overwrites the SENT
                report(decision, DeliveryStatus.RETRYING, "late", t.plusSeconds(2)));
        List<byte[]> values = new ArrayList<>(reports.stream().map(MessageJson::toBytes).toList());
        values.add(1, "[]".getBytes(StandardCharsets.UTF_8));
        List<String> keys = new ArrayList<>(List.of(decision.registrationId(), poison, decision.registrationId(),
                decision.registrationId()));

        polls.accept(poll(Topics.NOTIFICATION_OUTCOMES.name(), keys, values));

        Map<String, Object> email = db.queryForMap("select status, reason, reported_at from email_deliveries "
                + "where decision_id = ?", decision.messageId());
        assertThat(email).containsEntry("status", "SENT");
        assertThat(email.get("reason")).isNull();
        assertThat(((Timestamp) email.get("reported_at")).toInstant()).isEqualTo(t.plusSeconds(1));
        assertThat(deadLetter(Topics.NOTIFICATION_OUTCOMES.deadLetterName(), poison).key()).isEqualTo(poison);

        // An older report in a later poll is ignored too.
        polls.accept(poll(Topics.NOTIFICATION_OUTCOMES.name(), List.of(decision.registrationId()),
                List.of(MessageJson.toBytes(report(decision, DeliveryStatus.FAILED, "old", t)))));
        assertThat(db.queryForObject("select status from email_deliveries where decision_id = ?", String.class,
                decision.messageId())).isEqualTo("SENT");
    }

    @Test
    void aReminderNotSentOnPurposeIsKeptAsFinal() {
        RegistrationDecided duplicate = decided(UUID.randomUUID().toString(), SessionStatus.REJECTED, "day-1");
        Instant t = Instant.now().truncatedTo(ChronoUnit.MICROS);

        polls.accept(poll(Topics.NOTIFICATION_OUTCOMES.name(),
                List.of(duplicate.registrationId(), duplicate.registrationId()),
                List.of(MessageJson.toBytes(report(duplicate, DeliveryStatus.SUPPRESSED, "a reminder went out", t)),
                        MessageJson.toBytes(report(duplicate, DeliveryStatus.RETRYING, "late", t.plusSeconds(1))))));

        assertThat(db.queryForMap("select status, reason from email_deliveries where decision_id = ?",
                duplicate.messageId())).containsEntry("status", "SUPPRESSED")
                .containsEntry("reason", "a reminder went out");
    }

    private static NotificationOutcome report(RegistrationDecided about, DeliveryStatus status, String reason,
                                              Instant at) {
        return new NotificationOutcome(Schema.newMessageId(), at, Schema.VERSION, about.registrationId(), EVENT,
                about.messageId(), "CONFIRMED", status, reason);
    }

    private ConsumerRecord<String, byte[]> deadLetter(String topic, String key) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "dlq-" + UUID.randomUUID(), false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var dlq = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new ByteArrayDeserializer())
                .createConsumer()) {
            dlq.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                dlq.poll(Duration.ofMillis(200)).forEach(found::add);
                return found.stream().anyMatch(r -> key.equals(r.key()));
            });
            return found.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
        }
    }
}
