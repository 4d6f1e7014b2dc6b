package org.rushreg.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.ConfigureEvent;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.Registrant;
import org.rushreg.messages.RegisterAttendee;
import org.rushreg.messages.RegistrationCommand;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.ScanResult;
import org.rushreg.messages.ReleaseNoShows;
import org.rushreg.messages.ScanTicket;
import org.rushreg.messages.SessionsChanged;
import org.rushreg.messages.SeatAvailability;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.messages.SessionSeats;
import org.rushreg.messages.TicketScanned;
import org.rushreg.messages.Topics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"KAFKA_BOOTSTRAP_SERVERS=${spring.embedded.kafka.brokers}", "CAPACITY_INSTANCE_ID=capacity-test"})
@EmbeddedKafka(brokerProperties = {
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "group.initial.rebalance.delay.ms=0"})
class CapacityServiceApplicationTest {

    private static final String EVENT = "kongres-2024";

    @DynamicPropertySource
    static void uniqueStateDir(DynamicPropertyRegistry registry) throws IOException {
        String stateDir = Files.createTempDirectory("capacity-state").toString();
        registry.add("CAPACITY_STATE_DIR", () -> stateDir);
    }

    @Autowired
    private EmbeddedKafkaBroker broker;

    @LocalServerPort
    private int port;

    @LocalManagementPort
    private int managementPort;

    @Test
    void decidesABurstExactlyOnceWithinCapacityAndWaitlistsTheRestInOrder() {
        EventDefinition event = new EventDefinition(EVENT, "IV Kongres", "CFK_13", "Fabryczna 13, Kraków",
                "Europe/Warsaw", LocalDate.of(2024, 10, 7), LocalDate.of(2024, 10, 8), null, null, true,
                "organiser@example.org", List.of(new SessionDefinition("walk", "Study walk",
                        Instant.parse("2024-10-07T14:00:00Z"), Instant.parse("2024-10-07T16:00:00Z"), 20)));
        List<RegistrationCommand> commands = new ArrayList<>();
        commands.add(ConfigureEvent.of(event));
        for (int i = 1; i <= 50; i++) {
            commands.add(RegisterAttendee.of(EVENT, "reg-" + i,
                    new Registrant("Person", "No" + i, "person" + i + "@example.org", null), List.of("walk"), "pl"));
        }

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (RegistrationCommand command : commands) {
                producer.send(new ProducerRecord<>(Topics.REGISTRATION_COMMANDS.name(), command.eventId(),
                        MessageJson.toBytes(command)));
            }
            producer.flush();
        }

        List<RegistrationDecided> decisions = new ArrayList<>();
        List<SeatAvailability> seats = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.REGISTRATION_DECISIONS.name(), Topics.SEAT_AVAILABILITY.name()));
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.topic().equals(Topics.REGISTRATION_DECISIONS.name())) {
                        RegistrationOutcome outcome = MessageJson.fromBytes(record.value(),
                                Topics.REGISTRATION_DECISIONS);
                        if (outcome.eventId().equals(EVENT)) { // other tests' events share the broker
                            decisions.add((RegistrationDecided) outcome);
                        }
                    } else if (record.key().equals(EVENT)) {
                        seats.add(MessageJson.fromBytes(record.value(), Topics.SEAT_AVAILABILITY));
                    }
                }
                assertThat(decisions).hasSizeGreaterThanOrEqualTo(50);
                assertThat(seats).isNotEmpty();
                assertThat(seats.get(seats.size() - 1).sessions())
                        .containsExactly(new SessionSeats("walk", 20, 20, 30));
            });
        }

        assertThat(decisions).hasSize(50);
        assertThat(decisions).extracting(RegistrationDecided::registrationId).doesNotHaveDuplicates();
        assertThat(decisions).filteredOn(d -> d.status() == RegistrationStatus.CONFIRMED).hasSize(20);
        // Decisions are keyed by registration id, so they arrive from several partitions: order by position.
        List<RegistrationDecided> waitlisted = decisions.stream()
                .filter(d -> d.status() == RegistrationStatus.WAITLISTED)
                .sorted(Comparator.comparing(d -> d.sessions().get(0).waitlistPosition()))
                .toList();
        assertThat(waitlisted).extracting(d -> d.sessions().get(0).waitlistPosition())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 30).boxed().toList());
        assertThat(waitlisted).as("FIFO in command order").extracting(RegistrationDecided::registrationId)
                .containsExactlyElementsOf(IntStream.rangeClosed(21, 50)
                        .mapToObj(i -> "reg-" + i).toList());
        assertThat(seats.get(seats.size() - 1).sessions().get(0).confirmed()).isEqualTo(20);
    }

    @Test
    void decidesEachScanOnceAndPublishesItOnTheAttendanceTopic() {
        String event = "scans-2024";
        Instant doorsOpen = Instant.parse("2024-10-07T06:30:00Z");
        EventDefinition definition = new EventDefinition(event, "Scans", "CFK_13", null, "Europe/Warsaw",
                LocalDate.of(2024, 10, 7), LocalDate.of(2024, 10, 7), null, null, true, "organiser@example.org",
                List.of(new SessionDefinition("day-1", "Day 1", Instant.parse("2024-10-07T07:00:00Z"),
                        Instant.parse("2024-10-07T16:00:00Z"), 5)));
        ScanTicket first = ScanTicket.of(event, "phone-1:1", "reg-1", null, doorsOpen);
        List<RegistrationCommand> commands = List.of(ConfigureEvent.of(definition),
                RegisterAttendee.of(event, "reg-1", new Registrant("Ewa", "Nowak", "ewa@example.org", null),
                        List.of("day-1"), "pl"),
                first, first, ScanTicket.of(event, "phone-2:1", "reg-1", null, doorsOpen.plusSeconds(300)));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            commands.forEach(command -> producer.send(new ProducerRecord<>(Topics.REGISTRATION_COMMANDS.name(),
                    command.eventId(), MessageJson.toBytes(command))));
            producer.flush();
        }

        List<TicketScanned> scans = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.ATTENDANCE.name()));
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    assertThat(record.key()).isEqualTo(event);
                    scans.add(MessageJson.fromBytes(record.value(), Topics.ATTENDANCE));
                }
                assertThat(scans).hasSizeGreaterThanOrEqualTo(2);
            });
        }

        // One partition keeps the event's order: a second decision of the scan sent twice would come before the
        // second scan's.
        assertThat(scans).extracting(TicketScanned::scanId, TicketScanned::result, TicketScanned::at)
                .containsExactly(tuple("phone-1:1", ScanResult.ADMITTED, doorsOpen),
                        tuple("phone-2:1", ScanResult.ALREADY_ADMITTED, doorsOpen));
    }

    @Test
    void releasesANoShowsSeatToWhoArrivedOnceWhenAskedTwice() {
        String event = "noshow-2024";
        EventDefinition definition = new EventDefinition(event, "No-shows", "CFK_13", null, "Europe/Warsaw",
                LocalDate.of(2024, 10, 7), LocalDate.of(2024, 10, 7), null, null, true, "organiser@example.org",
                List.of(new SessionDefinition("day-1", "Day 1", Instant.parse("2024-10-07T07:00:00Z"),
                        Instant.parse("2024-10-07T16:00:00Z"), 1)), null, 15);
        ReleaseNoShows release = ReleaseNoShows.of(event, "day-1", "release-1");
        ScanTicket atTheDoor = ScanTicket.of(event, "door:1", "reg-2", "day-1", Instant.parse("2024-10-07T07:20:00Z"));
        List<RegistrationCommand> commands = List.of(ConfigureEvent.of(definition),
                RegisterAttendee.of(event, "reg-1", new Registrant("Ewa", "Nowak", "ewa@example.org", null),
                        List.of("day-1"), "pl"),
                RegisterAttendee.of(event, "reg-2", new Registrant("Jan", "Kos", "jan@example.org", null),
                        List.of("day-1"), "pl"),
                ScanTicket.of(event, "entrance:1", "reg-2", null, Instant.parse("2024-10-07T06:50:00Z")),
                release, release, atTheDoor);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            commands.forEach(command -> producer.send(new ProducerRecord<>(Topics.REGISTRATION_COMMANDS.name(),
                    command.eventId(), MessageJson.toBytes(command))));
            producer.flush();
        }

        List<RegistrationOutcome> outcomes = new ArrayList<>();
        List<TicketScanned> scans = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.ATTENDANCE.name(), Topics.REGISTRATION_DECISIONS.name()));
            Map<org.apache.kafka.common.TopicPartition, Long> ends = new java.util.HashMap<>();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.topic().equals(Topics.ATTENDANCE.name())) {
                        TicketScanned scan = MessageJson.fromBytes(record.value(), Topics.ATTENDANCE);
                        if (scan.eventId().equals(event)) {
                            scans.add(scan);
                        }
                    } else {
                        RegistrationOutcome outcome = MessageJson.fromBytes(record.value(),
                                Topics.REGISTRATION_DECISIONS);
                        if (outcome.eventId().equals(event)) {
                            outcomes.add(outcome);
                        }
                    }
                }
                // The scan at the session's door comes after both releases in the event's log: once it is visible,
                // everything they decided is committed; read the decisions up to their ends as they are then.
                assertThat(scans).extracting(TicketScanned::scanId).contains("door:1");
                if (ends.isEmpty()) {
                    ends.putAll(consumer.endOffsets(consumer.assignment()));
                }
                ends.forEach((partition, end) -> assertThat(consumer.position(partition)).isGreaterThanOrEqualTo(end));
            });
        }

        assertThat(outcomes).as("the release asked twice decided once")
                .extracting(o -> o.getClass().getSimpleName() + " " + o.registrationId())
                .containsExactlyInAnyOrder("RegistrationDecided reg-1", "RegistrationDecided reg-2",
                        "SessionsChanged reg-1", "RegistrationPromoted reg-2");
        assertThat(outcomes).filteredOn(SessionsChanged.class::isInstance)
                .extracting(o -> ((SessionsChanged) o).commandId()).containsExactly(release.messageId());
        assertThat(scans).extracting(TicketScanned::scanId, TicketScanned::result)
                .containsExactly(tuple("entrance:1", ScanResult.NOT_CONFIRMED_FOR_SESSION),
                        tuple("door:1", ScanResult.ADMITTED));
    }

    @Test
    void reportsHealthOnTheManagementPortOnly() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + managementPort + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"status\":\"UP\"");
        });
        assertThat(managementPort).isNotEqualTo(port);
        for (String path : new String[] {"/actuator/health", "/actuator/prometheus"}) {
            assertThat(statusOf(http, "http://localhost:" + port + path)).as("service port " + path).isEqualTo(404);
        }
        assertThat(statusOf(http, "http://localhost:" + managementPort + "/actuator/prometheus")).isEqualTo(200);
        assertThat(statusOf(http, "http://localhost:" + port + "/livez")).isEqualTo(200);
    }

    private static int statusOf(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void joinsItsConsumerGroupAsAStaticMemberUnderItsInstanceId() {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()))) {
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(admin
                    .describeConsumerGroups(List.of("capacity-service")).all().get().get("capacity-service").members())
                    .extracting(MemberDescription::groupInstanceId)
                    .singleElement().satisfies(id -> assertThat(id).hasValueSatisfying(
                            value -> assertThat(value).startsWith("capacity-test"))));
        }
    }
}
