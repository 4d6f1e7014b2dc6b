package org.rushreg.registration.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.EventSummary;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.Topics;
import org.rushreg.registration.ServiceTestSupport;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/**
 * What an operator sees of one registration: its log lines carry its id and the request's trace id (and no
 * personal data), its command carries the trace context to the capacity service, the probes and the metrics.
 */
class OperatorViewTest extends ServiceTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureLogs() {
        logged.start();
        root.addAppender(logged);
    }

    @AfterEach
    void stopCapturing() {
        root.detachAppender(logged);
    }

    @Test
    void aRegistrationIsLoggedWithItsIdAndTraceIdAndItsCommandCarriesTheTrace() {
        Map<String, Object> body = registration("day-1");
        Answer answer = register(body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        String id = JSON.readTree(answer.body()).path("registrationId").asString();

        ILoggingEvent accepted = logged.list.stream()
                .filter(e -> e.getFormattedMessage().contains(id) && e.getFormattedMessage().contains("accepted"))
                .findFirst().orElseThrow();
        assertThat(accepted.getMDCPropertyMap()).containsEntry(RegistrationLogContext.FIELD, id);
        String traceId = accepted.getMDCPropertyMap().get("traceId");
        assertThat(traceId).as("trace id of the request").hasSize(32);
        assertThat(logged.list).noneMatch(e -> e.getFormattedMessage().contains((String) body.get("email"))
                || e.getFormattedMessage().contains("Nowak"));

        ConsumerRecord<String, byte[]> command = commandOf(id);
        Header traceparent = command.headers().lastHeader("traceparent");
        assertThat(traceparent).as("traceparent header of the command").isNotNull();
        assertThat(new String(traceparent.value(), StandardCharsets.US_ASCII)).startsWith("00-" + traceId + "-");
    }

    @Test
    void probesAreUpAndPrometheusShowsTheBusinessAndKafkaMetrics() throws Exception {
        Answer readiness = management("/actuator/health/readiness");
        assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
        assertThat(JSON.readTree(readiness.body()).path("components").propertyNames())
                .contains("broker", "db", "readinessState");
        assertThat(management("/actuator/health/liveness").status()).isEqualTo(200);

        Answer answer = register(registration("day-1"));
        String id = JSON.readTree(answer.body()).path("registrationId").asString();
        decide(id);
        await().atMost(PATIENCE).until(() -> management("/actuator/prometheus").body()
                .contains("registration_decisions_total{"));

        String scrape = management("/actuator/prometheus").body();
        keepForTheDashboardCheck(scrape);
        assertThat(scrape).contains("registration_requests_total{", "registration_decision_latency_seconds_bucket{",
                "registration_seats_remaining{", "http_server_requests_seconds_bucket{",
                "kafka_producer_record_send_total", "kafka_consumer_fetch_manager_records_consumed_total",
                "spring_cloud_stream_binder_kafka_offset");
        assertThat(scrape).as("observed sends of the commands").containsPattern(
                "spring_kafka_template_seconds_count\\{[^}]*messaging_destination_name=\"registration.commands\"");
    }

    private ConsumerRecord<String, byte[]> commandOf(String registrationId) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "trace-" + UUID.randomUUID(), false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (var consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()).createConsumer()) {
            consumer.subscribe(List.of(Topics.REGISTRATION_COMMANDS.name()));
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (new String(r.value(), StandardCharsets.UTF_8).contains(registrationId)) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
        }
        return found.get(0);
    }

    /** Plays the capacity service: one decision for the registration. */
    private void decide(String registrationId) {
        RegistrationDecided decided = new RegistrationDecided(Schema.newMessageId(), Schema.now(), Schema.VERSION,
                registrationId, "kongres-2024", Schema.newMessageId(), Instant.now().minusMillis(50),
                RegistrationStatus.CONFIRMED, null, List.of(new SessionOutcome("day-1", "day-1", Instant.now(),
                        Instant.now(), SessionStatus.CONFIRMED, null)),
                new EventSummary("kongres-2024", "Kongres", null, null, "Europe/Warsaw", null, null, null), null);
        var producers = new DefaultKafkaProducerFactory<>(KafkaTestUtils.producerProps(broker), new StringSerializer(),
                new ByteArraySerializer());
        try {
            new KafkaTemplate<>(producers).send(Topics.REGISTRATION_DECISIONS.name(), registrationId,
                    MessageJson.toBytes(decided)).join();
        } finally {
            producers.destroy();
        }
    }

    /** The scrape is the reference the Grafana dashboard's metric names are checked against (deploy/grafana). */
    private static void keepForTheDashboardCheck(String scrape) throws Exception {
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "registration-service.prom"), scrape);
        String dir = System.getenv("SCRAPES_DIR");
        if (dir != null && !dir.isBlank()) {
            Files.createDirectories(Path.of(dir));
            Files.writeString(Path.of(dir, "registration-service.prom"), scrape);
        }
    }
}
