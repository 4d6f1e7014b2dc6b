package org.rushreg.registration.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.EventPersonalDataExpired;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.messages.Topics;
import org.rushreg.registration.ServiceTestSupport;
import org.rushreg.registration.TestOrganisers;
import org.rushreg.registration.catalogue.EventCatalogue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/**
 * An event's people are forgotten once its retention period is over (issue 14): names, addresses, organisations,
 * languages, consents and request keys leave the read model in one step, with an audit entry, while the statuses,
 * sessions and sectors stay for the statistics; the dashboard says so; a command or decision of the event read again
 * does not bring a name back; an event whose retention is not over keeps everything; the other services are told once.
 */
class EventRetentionTest extends ServiceTestSupport {

    private static final java.time.ZoneId WARSAW = java.time.ZoneId.of("Europe/Warsaw");

    @Autowired
    EventRetention retention;

    @Autowired
    EventCatalogue catalogue;

    @Autowired
    JdbcClient database;

    @Test
    void theRetentionPeriodOverErasesTheEventsPeopleOnceAndKeepsItsStatistics() throws Exception {
        String over = event(LocalDate.now().minusDays(40), null);
        String kept = event(LocalDate.now().minusDays(40), 60);
        String key = UUID.randomUUID().toString();
        Map<String, Object> anna = withSector(registration("day-1"));
        String annasId = registerIn(over, anna, key);
        String janId = registerIn(over, withSector(registration("day-1")), UUID.randomUUID().toString());
        String keptId = registerIn(kept, withSector(registration("day-1")), UUID.randomUUID().toString());
        List.of(annasId, janId, keptId).forEach(this::awaitRecorded);

        // the dashboard says the day in the event's time zone, which is not the machine's near midnight
        LocalDate erasedFrom = LocalDate.now(WARSAW);
        assertThat(retention.eraseExpired()).as("events erased now").contains(over).doesNotContain(kept);

        assertThat(person(annasId)).containsExactly(null, null, null, null, null, null, null);
        assertThat(person(janId)).containsOnlyNulls();
        assertThat(database.sql("select status, sector from registrations where id = :id").param("id", annasId)
                .query((rs, n) -> rs.getString("status") + "/" + rs.getString("sector")).single())
                .as("what the statistics need stays").isEqualTo("PENDING/local-government");
        assertThat(database.sql("select count(*) from registration_sessions where registration_id = :id")
                .param("id", annasId).query(Long.class).single()).isEqualTo(1);
        assertThat(person(keptId)).as("an event whose retention is not over").doesNotContainNull();
        assertThat(database.sql("select count(*) from organiser_actions where event_id = :e and action = 'PERSONAL_DATA_ERASED'")
                .param("e", over).query(Long.class).single()).isEqualTo(1);
        assertThat(retention.eraseExpired()).as("erased once").doesNotContain(over);
        assertThat(expirationsSent()).as("the other services are told once, and only of the event that expired")
                .filteredOn(expired -> List.of(over, kept).contains(expired.eventId()))
                .extracting(EventPersonalDataExpired::eventId).containsExactly(over);

        Answer dashboard = send("GET", "/api/organiser/events/" + over + "/dashboard", null, null, organiser());
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.json().path("personalDataErased").asString())
                .isIn(erasedFrom.toString(), LocalDate.now(WARSAW).toString());

        // the same request again (its key is forgotten too): its command reaches the read model, which keeps no name
        assertThat(registerIn(over, anna, key)).isEqualTo(annasId);
        awaitCommandsConsumed();
        assertThat(person(annasId)).containsOnlyNulls();

        // nor does a decision naming her, read again (a consumer that starts from an older offset)
        RegistrationDecided again = new RegistrationDecided(Schema.newMessageId(), Instant.now(), Schema.VERSION,
                annasId, over, Schema.newMessageId(), Instant.now(), RegistrationStatus.CONFIRMED, null, List.of(),
                null, new Recipient("Anna", "Nowak", "anna@example.org", "pl"));
        DefaultKafkaProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new ByteArraySerializer());
        try {
            new KafkaTemplate<>(producers).send(Topics.REGISTRATION_DECISIONS.name(), annasId,
                    MessageJson.toBytes(again)).join();
        } finally {
            producers.destroy();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> database.sql(
                "select count(*) from outcomes where message_id = :id").param("id", again.messageId())
                .query(Long.class).single() == 1);
        assertThat(person(annasId)).containsOnlyNulls();
    }

    @Test
    void anEventKeepsItsPeopleWhileRegistrationIsOpenOrUntilItsOwnRetentionIsOver() {
        EventDefinition event = definition("e", LocalDate.parse("2026-01-10"), 10);
        assertThat(event.personalDataExpiresAt(30)).as("its own ten days, from the end of its last day in Warsaw")
                .isEqualTo(Instant.parse("2026-01-20T23:00:00Z"));
        assertThat(definition("e", LocalDate.parse("2026-01-10"), null).personalDataExpiresAt(30))
                .isEqualTo(Instant.parse("2026-02-09T23:00:00Z"));
        EventDefinition stillOpen = new EventDefinition("e", "E", null, null, "Europe/Warsaw",
                LocalDate.parse("2024-10-07"), LocalDate.parse("2024-10-08"), null, Instant.parse("2099-12-31T00:00:00Z"),
                true, null, event.sessions(), 0);
        assertThat(stillOpen.personalDataExpiresAt(30)).as("registration open until 2099")
                .isEqualTo(Instant.parse("2099-12-31T00:00:00Z"));
    }

    private String event(LocalDate lastDay, Integer retentionDays) {
        String id = "retention-" + UUID.randomUUID().toString().substring(0, 8);
        catalogue.save(definition(id, lastDay, retentionDays));
        return id;
    }

    private static EventDefinition definition(String id, LocalDate lastDay, Integer retentionDays) {
        Instant start = lastDay.atStartOfDay(WARSAW).plusHours(9).toInstant();
        return new EventDefinition(id, "Forum " + id, "CFK", null, "Europe/Warsaw", lastDay, lastDay, null, null, true,
                null, List.of(new SessionDefinition("day-1", "Dzień 1", start, start.plusSeconds(8 * 3600), 100)),
                retentionDays);
    }

    private static Map<String, Object> withSector(Map<String, Object> body) {
        return with(body, "sector", "local-government");
    }

    private String registerIn(String eventId, Map<String, Object> body, String key) {
        Answer answer = postJson("/api/events/" + eventId + "/registrations", body, Map.of("Idempotency-Key", key));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return answer.json().path("registrationId").asString();
    }

    /** Every {@link EventPersonalDataExpired} on its topic, read from the start; each record's key is its event. */
    private List<EventPersonalDataExpired> expirationsSent() {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "test-" + UUID.randomUUID(), false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()).createConsumer()) {
            consumer.subscribe(List.of(Topics.PERSONAL_DATA_EXPIRATIONS.name()));
            List<EventPersonalDataExpired> sent = new java.util.ArrayList<>();
            // a second late record would show up within the polls that follow the first one
            for (int poll = 0; poll < 10; poll++) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    EventPersonalDataExpired expired = MessageJson.fromBytes(record.value(),
                            Topics.PERSONAL_DATA_EXPIRATIONS);
                    assertThat(record.key()).isEqualTo(expired.eventId());
                    sent.add(expired);
                });
            }
            return sent;
        }
    }

    private List<String> person(String registrationId) {
        return database.sql("""
                        select first_name, last_name, email, organisation, locale, terms_version, privacy_version
                        from registrations where id = :id""")
                .param("id", registrationId)
                .query((rs, n) -> java.util.Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
                .single();
    }

    /** Until the read model's group has committed every command on the topic: what was sent has been applied. */
    private void awaitCommandsConsumed() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            TopicPartition commands = new TopicPartition(Topics.REGISTRATION_COMMANDS.name(), 0);
            long end = admin.listOffsets(Map.of(commands, OffsetSpec.latest())).partitionResult(commands).get().offset();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets("registration-service")
                        .partitionsToOffsetAndMetadata().get().get(commands);
                return committed != null && committed.offset() >= end;
            });
        }
    }

    private static Map<String, String> organiser() {
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (TestOrganisers.ORGANISER + ":" + TestOrganisers.ORGANISER_PASSWORD).getBytes()));
    }
}
