package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.CapacityDataReported;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.NotificationDataReported;
import org.rushreg.messages.PersonalDataAccess;
import org.rushreg.messages.PersonalDataRequested;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.ReportPersonalData;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SealedData;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.Topics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.JsonNode;

/**
 * An access request (GDPR Art. 15, decision 0050) through the running service: the GET asks the capacity-service with a
 * ReportPersonalData on the event's log and the notification-service with a PersonalDataRequested on
 * personal-data.access, both naming registration ids only and carrying the request's public key, and shows their
 * answers from that topic, opened with the request's private key; a store that stays silent, or answers sealed for
 * another key, is shown as not answered once the bound (4 s in the tests) has passed. Nothing of the answers is written
 * to the database, and the topic holds nothing of the person in clear. The test plays the two stores on the embedded
 * broker.
 */
class PersonAccessTest extends ServiceTestSupport {

    @Autowired
    JdbcClient database;

    private KafkaConsumer<String, byte[]> access;
    private final List<PersonalDataAccess> requests = new ArrayList<>();
    private DefaultKafkaProducerFactory<String, byte[]> producers;
    private KafkaTemplate<String, byte[]> stores;

    @BeforeEach
    void playTheOtherStores() {
        access = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-access-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        access.subscribe(List.of(Topics.PERSONAL_DATA_ACCESS.name()));
        producers = new DefaultKafkaProducerFactory<>(KafkaTestUtils.producerProps(broker),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer());
        stores = new KafkaTemplate<>(producers);
    }

    @AfterEach
    void close() {
        access.close();
        producers.destroy();
    }

    @Test
    void theOtherStoresAnswersAreShownWithTheReadModelsPart() {
        Map<String, Object> body = registration("day-1");
        String email = (String) body.get("email");
        String id = registered(body);

        CompletableFuture<Answer> asked = CompletableFuture.supplyAsync(() -> lookUp(email));

        ReportPersonalData command = await().atMost(Duration.ofSeconds(30)).until(() -> commandLog().commands()
                .stream().filter(ReportPersonalData.class::isInstance).map(ReportPersonalData.class::cast)
                .filter(c -> c.registrationIds().contains(id)).findFirst(), Optional::isPresent).orElseThrow();
        PersonalDataRequested request = await().atMost(Duration.ofSeconds(30))
                .until(() -> requestFor(command.requestId()), Optional::isPresent).orElseThrow();
        assertThat(command.registrationIds()).containsExactly(id);
        assertThat(request.registrationIds()).containsExactly(id);
        assertThat(request.eventId()).isEqualTo(command.eventId()).isEqualTo(StandInServices.EVENT);
        assertThat(new String(MessageJson.toBytes(command)) + new String(MessageJson.toBytes(request)))
                .as("the requests name no person").doesNotContainIgnoringCase(email).doesNotContainIgnoringCase("nowak");
        assertThat(request.publicKey()).as("one key per request, sent to both stores")
                .isEqualTo(command.publicKey()).isNotBlank();

        Instant at = Instant.parse("2024-09-01T10:00:00Z");
        answer(CapacityDataReported.seal(Schema.newMessageId(), at, command.requestId(), command.eventId(),
                new CapacityDataReported.Held(List.of(new CapacityDataReported.HeldRegistration(id,
                        RegistrationStatus.CONFIRMED, null, "digest-of-the-address", List.of(
                                new CapacityDataReported.HeldSeat("day-1", SessionStatus.CONFIRMED, null)), null,
                        null))), command.publicKey()));
        answer(NotificationDataReported.seal(command.requestId(), command.eventId(), new NotificationDataReported.Held(
                List.of(new NotificationDataReported.HeldRecipient(id, "Annanotified", "Nowak", email, "pl",
                        "CONFIRMED", at, null)),
                List.of(new NotificationDataReported.SentEmail(id, "CONFIRMED", "SENT", at)),
                List.of(new NotificationDataReported.ReminderClaim("digest-of-the-address", at))),
                request.publicKey()));

        Answer answer = asked.join();
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("registrations").get(0).path("registrationId").asString()).isEqualTo(id);
        JsonNode notifications = store(answer, "notification-service");
        assertThat(notifications.path("answered").asBoolean()).isTrue();
        JsonNode recipient = notifications.path("holds").path("recipients").get(0);
        assertThat(recipient.path("firstName").asString()).isEqualTo("Annanotified");
        assertThat(recipient.path("email").asString()).isEqualTo(email);
        assertThat(recipient.path("decidedAt").asString()).isEqualTo("2024-09-01T10:00:00Z");
        assertThat(notifications.path("holds").path("sentEmails").get(0).path("status").asString()).isEqualTo("SENT");
        assertThat(notifications.path("holds").path("reminderClaims").get(0).path("addressDigest").asString())
                .isEqualTo("digest-of-the-address");
        JsonNode capacity = store(answer, "capacity-service");
        assertThat(capacity.path("answered").asBoolean()).isTrue();
        JsonNode held = capacity.path("holds").path("registrations").get(0);
        assertThat(held.path("registrationId").asString()).isEqualTo(id);
        assertThat(held.path("emailDigest").asString()).isEqualTo("digest-of-the-address");
        assertThat(held.path("seats").get(0).path("sessionId").asString()).isEqualTo("day-1");
        assertThat(capacity.path("description").asString()).contains("digest");

        assertThat(tablesHolding("Annanotified")).as("nothing of the answers is written").isEmpty();
        List<byte[]> onTheTopic = recordsOnTheTopic(command.requestId());
        assertThat(onTheTopic).as("the request to the notification-service and both answers").hasSize(3);
        for (byte[] record : onTheTopic) {
            assertThat(new String(record, StandardCharsets.UTF_8)).as("the topic holds nothing of the person in clear")
                    .doesNotContainIgnoringCase("Annanotified").doesNotContainIgnoringCase("nowak")
                    .doesNotContainIgnoringCase(email).doesNotContain("digest-of-the-address");
        }
    }

    @Test
    void aStoreThatStaysSilentOrAnswersSealedForAnotherKeyIsShownAsNotAnsweredAfterTheBound() {
        Map<String, Object> body = registration("day-1");
        String email = (String) body.get("email");
        String id = registered(body);

        CompletableFuture<Answer> asked = CompletableFuture.supplyAsync(() -> lookUp(email));
        ReportPersonalData command = await().atMost(Duration.ofSeconds(30)).until(() -> commandLog().commands()
                .stream().filter(ReportPersonalData.class::isInstance).map(ReportPersonalData.class::cast)
                .filter(c -> c.registrationIds().contains(id)).findFirst(), Optional::isPresent).orElseThrow();
        answer(CapacityDataReported.seal(Schema.newMessageId(), Instant.now(), command.requestId(), command.eventId(),
                new CapacityDataReported.Held(List.of()), command.publicKey()));
        answer(NotificationDataReported.seal(command.requestId(), command.eventId(), new NotificationDataReported.Held(
                List.of(new NotificationDataReported.HeldRecipient(id, "Someone", "Else", email, "pl", "CONFIRMED",
                        Instant.now(), null)), List.of(), List.of()),
                SealedData.publicKeyText(SealedData.newKeyPair().getPublic())));

        Answer answer = asked.join();
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(store(answer, "capacity-service").path("answered").asBoolean()).isTrue();
        JsonNode silent = store(answer, "notification-service");
        assertThat(silent.path("answered").asBoolean()).isFalse();
        assertThat(silent.path("message").asString()).contains("did not answer within 4.0 s", "ask again");
        assertThat(silent.path("description").asString()).contains("recipient");
        assertThat(silent.has("holds")).isFalse();
        assertThat(answer.json().path("registrations").get(0).path("email").asString())
                .as("the read model's part stays whole").isEqualTo(email);
    }

    private Answer lookUp(String email) {
        return send("GET", "/api/organiser/people?eventId=" + StandInServices.EVENT + "&email=" + email, null, null,
                Map.of("Authorization", basic(TestOrganisers.ORGANISER, TestOrganisers.ORGANISER_PASSWORD)));
    }

    private static JsonNode store(Answer answer, String name) {
        for (JsonNode store : answer.json().path("stores")) {
            if (store.path("store").asString().equals(name)) {
                return store;
            }
        }
        throw new AssertionError("No store " + name + " in " + answer.body());
    }

    private Optional<PersonalDataRequested> requestFor(String requestId) {
        access.poll(Duration.ofMillis(200)).forEach(record ->
                requests.add(MessageJson.fromBytes(record.value(), Topics.PERSONAL_DATA_ACCESS)));
        return requests.stream().filter(PersonalDataRequested.class::isInstance).map(PersonalDataRequested.class::cast)
                .filter(r -> r.requestId().equals(requestId)).findFirst();
    }

    /** The raw values of the records on personal-data.access keyed by {@code requestId}. */
    private List<byte[]> recordsOnTheTopic(String requestId) {
        try (KafkaConsumer<String, byte[]> all = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-access-raw-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            all.subscribe(List.of(Topics.PERSONAL_DATA_ACCESS.name()));
            List<byte[]> values = new ArrayList<>();
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (values.size() < 3 && System.nanoTime() < until) {
                all.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (requestId.equals(record.key())) {
                        values.add(record.value());
                    }
                });
            }
            return values;
        }
    }

    private void answer(PersonalDataAccess message) {
        stores.send(Topics.PERSONAL_DATA_ACCESS.name(), message.requestId(), MessageJson.toBytes(message)).join();
    }

    private String registered(Map<String, Object> body) {
        Answer answer = register(body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        String id = answer.json().path("registrationId").asString();
        awaitRecorded(id);
        return id;
    }

    private List<String> tablesHolding(String marker) {
        return database.sql("""
                        select table_name from information_schema.tables
                        where table_schema = 'public' and table_type = 'BASE TABLE'""")
                .query(String.class).list().stream()
                .filter(table -> database.sql("select count(*) from \"" + table + "\" t where t::text ilike :m")
                        .param("m", "%" + marker + "%").query(Long.class).single() > 0)
                .toList();
    }
}
