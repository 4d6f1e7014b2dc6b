package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.CancelRegistration;
import org.rushreg.messages.EventSummary;
import org.rushreg.messages.ManageToken;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.RegisterAttendee;
import org.rushreg.messages.RegistrationCommand;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SeatAvailability;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionSeats;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.Topics;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.JsonNode;

/** A registration travels from HTTP to the command log, and decisions and seats come back into the read model. */
class RegistrationFlowTest extends ServiceTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private List<ConsumerRecord<String, byte[]>> commandsAbout(String registrationId) {
        return commandLog().records().stream()
                .filter(r -> registrationIdOf(MessageJson.fromBytes(r.value(), Topics.REGISTRATION_COMMANDS))
                        .equals(registrationId))
                .toList();
    }

    private static String registrationIdOf(RegistrationCommand command) {
        if (command instanceof RegisterAttendee r) {
            return r.registrationId();
        }
        if (command instanceof CancelRegistration c) {
            return c.registrationId();
        }
        return "";
    }

    @Test
    void aValidRegistrationIsAcceptedAndItsCommandIsOnTheEventsLog() {
        Answer answer = register(registration("day-1", "walk-revitalisation"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        String id = answer.json().path("registrationId").asString();
        assertThat(answer.json().path("status").asString()).isEqualTo("PENDING");
        assertThat(answer.raw().headers().firstValue("Location")).hasValue("/api/registrations/" + id);

        await().atMost(PATIENCE).until(() -> !commandsAbout(id).isEmpty());
        ConsumerRecord<String, byte[]> record = commandsAbout(id).get(0);
        assertThat(record.key()).isEqualTo(EVENT);
        var command = (RegisterAttendee) MessageJson.fromBytes(record.value(), Topics.REGISTRATION_COMMANDS);
        assertThat(command.eventId()).isEqualTo(EVENT);
        assertThat(command.sessionIds()).containsExactly("day-1", "walk-revitalisation");
        assertThat(command.locale()).isEqualTo("pl");
        assertThat(command.registrant().lastName()).isEqualTo("Nowak");
        assertThat(command.consents().termsVersion()).isNotBlank();

        JsonNode status = get("/api/registrations/" + id).json();
        assertThat(status.path("status").asString()).isEqualTo("PENDING");
        assertThat(status.path("eventId").asString()).isEqualTo(EVENT);
        assertThat(get("/api/registrations/" + id).body()).doesNotContain("Nowak").doesNotContain("example.org");
    }

    @Test
    void fiveConcurrentRepeatsWithOneIdempotencyKeyNameOneRegistration() throws Exception {
        Map<String, Object> body = registration("day-2");
        String key = UUID.randomUUID().toString();
        List<Future<Answer>> answers = new ArrayList<>();
        var pool = Executors.newFixedThreadPool(5);
        try {
            for (int i = 0; i < 5; i++) {
                answers.add(pool.submit(() -> postJson("/api/events/" + EVENT + "/registrations", body,
                        Map.of("Idempotency-Key", key))));
            }
            Set<String> ids = new HashSet<>();
            for (Future<Answer> answer : answers) {
                Answer a = answer.get();
                assertThat(a.status()).as(a.body()).isEqualTo(202);
                ids.add(a.json().path("registrationId").asString());
            }
            assertThat(ids).hasSize(1);
            String id = ids.iterator().next();
            // Each repeat sends its command again (decision 0013): all of them name the one registration, with the
            // same choice, and the capacity service decides a registration id once (SeatAllocatorTest).
            await().atMost(PATIENCE).until(() -> commandsAbout(id).size() == 5);
            assertThat(commandsAbout(id)).allSatisfy(record -> assertThat(
                    ((RegisterAttendee) MessageJson.fromBytes(record.value(), Topics.REGISTRATION_COMMANDS))
                            .sessionIds()).containsExactly("day-2"));
            assertThat(get("/api/registrations/" + id).json().path("status").asString()).isEqualTo("PENDING");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDecisionAndSeatsFromTheCapacityServiceShowInTheApi() {
        String id = register(registration("day-1", "walk-revitalisation")).json().path("registrationId").asString();
        var decided = new RegistrationDecided(Schema.newMessageId(), Instant.now(), Schema.VERSION, id, EVENT,
                Schema.newMessageId(), Instant.now(), RegistrationStatus.CONFIRMED, null,
                List.of(new SessionOutcome("day-1", "Day 1", Instant.now(), Instant.now(), SessionStatus.CONFIRMED, null),
                        new SessionOutcome("walk-revitalisation", "Walk", Instant.now(), Instant.now(),
                                SessionStatus.WAITLISTED, 3)),
                new EventSummary(EVENT, "Kongres", null, null, "Europe/Warsaw", null, null, null),
                new Recipient("Anna", "Nowak", "anna@example.org", "pl"));
        var seats = SeatAvailability.of(EVENT, Instant.now(),
                List.of(new SessionSeats("walk-revitalisation", 30, 30, 3), new SessionSeats("day-1", 600, 12, 0)));

        // Written in one transaction, as the exactly-once capacity service does.
        var producers = transactionalProducers();
        try {
            KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(producers);
            template.executeInTransaction(t -> {
                t.send(Topics.REGISTRATION_DECISIONS.name(), id, MessageJson.toBytes(decided));
                // A redelivered decision changes nothing.
                t.send(Topics.REGISTRATION_DECISIONS.name(), id, MessageJson.toBytes(decided));
                t.send(Topics.SEAT_AVAILABILITY.name(), EVENT, MessageJson.toBytes(seats));
                // An older report of the seats than the one applied is ignored.
                t.send(Topics.SEAT_AVAILABILITY.name(), EVENT, MessageJson.toBytes(SeatAvailability.of(EVENT,
                        seats.asOf().minusSeconds(60), List.of(new SessionSeats("walk-revitalisation", 30, 1, 0)))));
                return null;
            });
        } finally {
            producers.destroy();
        }

        await().atMost(PATIENCE).until(() -> "CONFIRMED".equals(get("/api/registrations/" + id).json()
                .path("status").asString()));
        JsonNode status = get("/api/registrations/" + id).json();
        assertThat(status.path("sessions").findValuesAsString("sessionId"))
                .containsExactly("day-1", "walk-revitalisation");
        assertThat(status.path("reason").isNull() || status.path("reason").isMissingNode()).isTrue();
        assertThat(status.path("sessions").get(0).path("status").asString()).isEqualTo("CONFIRMED");
        assertThat(status.path("sessions").get(1).path("status").asString()).isEqualTo("WAITLISTED");
        assertThat(status.path("sessions").get(1).path("waitlistPosition").asInt()).isEqualTo(3);
        assertThat(status.toString()).doesNotContain("Nowak").doesNotContain("anna@example.org");

        // The stale report comes after the current one on the topic; wait until both were read, then check.
        await().atMost(PATIENCE).until(() -> walk(get("/api/events/" + EVENT).json()).path("confirmed").asInt() == 30);
        await().during(Duration.ofSeconds(2)).atMost(PATIENCE)
                .until(() -> walk(get("/api/events/" + EVENT).json()).path("confirmed").asInt() == 30);
        JsonNode walk = walk(get("/api/events/" + EVENT).json());
        assertThat(walk.path("capacity").asInt()).isEqualTo(30);
        assertThat(walk.path("waitlisted").asInt()).isEqualTo(3);
        assertThat(walk.path("remaining").asInt()).isZero();
        JsonNode listed = get("/api/events").json();
        assertThat(listed.findValuesAsString("id")).contains(EVENT);
    }

    private static JsonNode walk(JsonNode event) {
        for (JsonNode session : event.path("sessions")) {
            if (session.path("id").asString().equals("walk-revitalisation")) {
                return session;
            }
        }
        throw new AssertionError("no walk-revitalisation in " + event);
    }

    @Test
    void theCatalogueShowsTheReferenceEventWithAnOpenWindow() {
        JsonNode event = get("/api/events/" + EVENT).json();
        assertThat(event.path("name").asString()).isEqualTo("IV Kongres Polityki Miejskiej i Regionalnej");
        assertThat(event.path("startsOn").asString()).isEqualTo("2024-10-07");
        assertThat(event.path("endsOn").asString()).isEqualTo("2024-10-08");
        assertThat(event.path("registrationOpen").asBoolean()).isTrue();
        assertThat(event.path("sessions").findValuesAsString("id"))
                .contains("day-1", "day-2", "walk-revitalisation", "panel-housing");
    }

    @Test
    void theCatalogueIsConfiguredOnTheEventsLog() {
        await().atMost(PATIENCE).until(() -> {
            return commandLog().records().stream().anyMatch(r -> EVENT.equals(r.key()) && new String(r.value(), StandardCharsets.UTF_8)
                    .contains("\"type\":\"ConfigureEvent\""));
        });
    }

    @Test
    void aForgedTokenCancelsNothingAndAValidOneAsksForCancellation() {
        String id = register(registration("day-1")).json().path("registrationId").asString();
        await().atMost(PATIENCE).until(() -> !commandsAbout(id).isEmpty());

        Answer forged = send("DELETE", "/api/registrations/" + id + "?token=forged", null, null, Map.of());
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.contentType()).startsWith("application/problem+json");
        Answer missing = send("DELETE", "/api/registrations/" + id, null, null, Map.of());
        assertThat(missing.status()).isEqualTo(403);
        String otherRegistrationsToken = new ManageToken(SECRET).sign(UUID.randomUUID().toString(),
                Instant.now().plusSeconds(3600));
        assertThat(send("DELETE", "/api/registrations/" + id + "?token=" + otherRegistrationsToken, null, null,
                Map.of()).status()).isEqualTo(403);
        assertThat(get("/api/registrations/" + id).json().path("status").asString()).isEqualTo("PENDING");
        commandLog().poll(Duration.ofSeconds(1));
        assertThat(commandsAbout(id)).hasSize(1);

        String token = new ManageToken(SECRET).sign(id, Instant.now().plusSeconds(3600));
        Answer valid = send("DELETE", "/api/registrations/" + id + "?token=" + token, null, null, Map.of());
        assertThat(valid.status()).as(valid.body()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> commandsAbout(id).size() == 2);
        ConsumerRecord<String, byte[]> cancel = commandsAbout(id).get(1);
        assertThat(cancel.key()).isEqualTo(EVENT);
        assertThat(MessageJson.fromBytes(cancel.value(), Topics.REGISTRATION_COMMANDS))
                .isInstanceOf(CancelRegistration.class);
    }

    private DefaultKafkaProducerFactory<String, byte[]> transactionalProducers() {
        Map<String, Object> props = KafkaTestUtils.producerProps(broker);
        var factory = new DefaultKafkaProducerFactory<>(props, new StringSerializer(), new ByteArraySerializer());
        factory.setTransactionIdPrefix("capacity-test-" + UUID.randomUUID());
        return factory;
    }
}
