package org.rushreg.capacity.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.rushreg.capacity.CapacityServiceApplication;
import org.rushreg.messages.ConfigureEvent;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.Registrant;
import org.rushreg.messages.RegisterAttendee;
import org.rushreg.messages.RegistrationCommand;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.messages.Topics;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * What an operator sees of the running service: the probes and /actuator/prometheus. Its own broker, because the
 * last test stops it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorViewTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EmbeddedKafkaKraftBroker broker;
    private static ConfigurableApplicationContext app;
    private static String base;
    /** The service\'s own port, which answers only the probes /livez and /readyz. */
    private static String publicBase;
    private static boolean brokerStopped;

    @BeforeAll
    static void start() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of("transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1", "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        app = new SpringApplicationBuilder(CapacityServiceApplication.class).run(
                "--server.port=0",
                "--management.server.port=0",
                "--KAFKA_BOOTSTRAP_SERVERS=" + broker.getBrokersAsString(),
                "--CAPACITY_STATE_DIR=" + Files.createTempDirectory("capacity-operator-view"),
                "--CAPACITY_TOPIC_PARTITIONS=1",
                "--spring.lifecycle.timeout-per-shutdown-phase=5s");
        base = "http://localhost:" + app.getEnvironment().getProperty("local.management.port");
        publicBase = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        app.close();
        if (!brokerStopped) {
            broker.destroy();
        }
    }

    @Test
    @Order(1)
    void prometheusShowsDecisionsByStatusAndKafkaStreamsMetrics() throws Exception {
        await().atMost(PATIENCE).until(() -> get("/actuator/health/readiness").statusCode() == 200);
        send(ConfigureEvent.of(new EventDefinition("kongres-2024", "IV Kongres", "CFK_13", "Fabryczna 13, Kraków",
                "Europe/Warsaw", LocalDate.of(2024, 10, 7), LocalDate.of(2024, 10, 8), null, null, true,
                "organiser@example.org", List.of(new SessionDefinition("day-1", "Day 1",
                        Instant.parse("2024-10-07T07:00:00Z"), Instant.parse("2024-10-07T16:00:00Z"), 10)))));
        send(RegisterAttendee.of("kongres-2024", "reg-1", new Registrant("Anna", "Nowak", "anna@example.org", null),
                List.of("day-1"), "pl"));

        await().atMost(PATIENCE).until(() -> get("/actuator/prometheus").body().contains("capacity_decisions_total"));
        String scrape = get("/actuator/prometheus").body();
        keepForTheDashboardCheck(scrape);
        assertThat(app.getBean(org.springframework.kafka.config.StreamsBuilderFactoryBean.class).getTopology()
                .describe().toString()).as("the events' expiries reach the allocation (decision 0039)")
                .contains("registration.commands", "personal-data.expirations");
        assertThat(scrape).contains("capacity_decisions_total{application=\"capacity-service\",status=\"CONFIRMED\"}",
                "kafka_stream_thread_process_total", "kafka_consumer_fetch_manager_records_lag",
                "kafka_producer_record_send_total");
    }

    @Test
    @Order(2)
    void readinessIsDownWhileTheStreamIsStoppedAndUpAgainWhenItRuns() throws Exception {
        BindingsLifecycleController bindings = app.getBean(BindingsLifecycleController.class);
        await().atMost(PATIENCE).until(() -> get("/actuator/health/readiness").statusCode() == 200);

        bindings.changeState("allocateSeats-in-0", BindingsLifecycleController.State.STOPPED);

        await().atMost(PATIENCE).until(() -> get("/actuator/health/readiness").statusCode() == 503);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);

        bindings.changeState("allocateSeats-in-0", BindingsLifecycleController.State.STARTED);

        await().atMost(PATIENCE).until(() -> get("/actuator/health/readiness").statusCode() == 200);
    }

    @Test
    @Order(3)
    void readinessIsDownWhileTheBrokerIsUnreachableAndLivenessStaysUp() throws Exception {
        await().atMost(PATIENCE).until(() -> get("/actuator/health/readiness").statusCode() == 200);
        assertThat(get("/actuator/health/readiness").body()).contains("\"binders\"");
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);

        broker.destroy();
        brokerStopped = true;

        await().atMost(PATIENCE).until(() -> get("/actuator/health/readiness").statusCode() == 503);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(onServicePort("/readyz").statusCode()).isEqualTo(503);
        assertThat(onServicePort("/livez").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(0)
    void theServicePortServesTheProbesButNoOperatorsEndpoint() throws Exception {
        await().atMost(PATIENCE).until(() -> onServicePort("/readyz").statusCode() == 200);
        assertThat(onServicePort("/readyz").body()).doesNotContain("binders");
        assertThat(onServicePort("/actuator/prometheus").statusCode()).isEqualTo(404);
        assertThat(onServicePort("/actuator/health").statusCode()).isEqualTo(404);
        assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> onServicePort(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(publicBase + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void send(RegistrationCommand command) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.REGISTRATION_COMMANDS.name(), command.eventId(),
                    MessageJson.toBytes(command)));
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The scrape is the reference the Grafana dashboard's metric names are checked against (deploy/grafana). */
    private static void keepForTheDashboardCheck(String scrape) throws Exception {
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "capacity-service.prom"), scrape);
        String dir = System.getenv("SCRAPES_DIR");
        if (dir != null && !dir.isBlank()) {
            Files.createDirectories(Path.of(dir));
            Files.writeString(Path.of(dir, "capacity-service.prom"), scrape);
        }
    }
}
