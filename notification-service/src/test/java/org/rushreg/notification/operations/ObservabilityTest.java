package org.rushreg.notification.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rushreg.messages.DeliveryStatus;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.Topics;
import org.rushreg.notification.SampleDecisions;
import org.rushreg.notification.ServiceIntegrationTest;
import org.rushreg.notification.TestInbox;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What an operator sees of one registration: JSON log lines with its id and trace id, no personal data; metrics. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {
        "logging.structured.format.console=ecs"})
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest extends ServiceIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The operators' port, where /actuator/* answers. */
    @LocalManagementPort
    private int port;

    @Test
    void aDecisionIsLoggedAsJsonWithItsRegistrationIdAndTraceIdAndWithoutPersonalData(CapturedOutput output) {
        String email = TestInbox.uniqueAddress("grazyna.przybylska");
        RegistrationDecided decided = SampleDecisions.decided(RegistrationStatus.CONFIRMED, null,
                new Recipient("Grażyna", "Przybylska", email, "pl"), SampleDecisions.DAY_1);
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String traceparent = "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";

        publishWithHeader(decided, traceparent);

        await().atMost(PATIENCE).until(() -> kafka.reported(decided, DeliveryStatus.SENT));
        List<JsonNode> lines = output.getOut().lines().filter(line -> line.startsWith("{")).map(JSON::readTree)
                .filter(line -> decided.registrationId().equals(line.path(RegistrationLogContext.FIELD).asString()))
                .toList();
        assertThat(lines).as("JSON log lines about registration %s", decided.registrationId()).isNotEmpty()
                .allSatisfy(line -> {
                    assertThat(line.path("traceId").asString()).isEqualTo(traceId);
                    assertThat(line.path("log").path("level").asString()).isNotEmpty();
                });
        assertThat(lines).anySatisfy(line -> assertThat(line.path("message").asString()).contains("CONFIRMED email SENT"));
        // Every line the service wrote, whatever it is about (GreenMail, the test's mail server, logs its users).
        List<String> serviceLines = output.getAll().lines().filter(line -> !line.contains("com.icegreen")).toList();
        assertThat(serviceLines).isNotEmpty().noneMatch(line -> line.contains(email) || line.contains("Przybylska")
                || line.contains("Grażyna"));

        ConsumerRecord<String, byte[]> reported = kafka.poll().stream()
                .filter(r -> r.topic().equals(Topics.NOTIFICATION_OUTCOMES.name()))
                .filter(r -> decided.registrationId().equals(r.key())).findFirst().orElseThrow();
        Header carried = reported.headers().lastHeader("traceparent");
        assertThat(carried).as("traceparent header of the outcome").isNotNull();
        assertThat(new String(carried.value(), StandardCharsets.UTF_8)).startsWith("00-" + traceId + "-");
    }

    @Test
    void prometheusShowsEmailsDelayHistogramAndKafkaConsumerMetrics() throws Exception {
        RegistrationDecided decided = SampleDecisions.confirmed(TestInbox.uniqueAddress("metrics"), "en",
                SampleDecisions.DAY_1);
        kafka.publish(decided);
        await().atMost(PATIENCE).until(() -> kafka.reported(decided, DeliveryStatus.SENT));

        String scrape = get("/actuator/prometheus");

        assertThat(scrape).contains(
                "notification_emails_total{application=\"notification-service\",kind=\"CONFIRMED\",status=\"SENT\"}",
                "notification_email_delay_seconds_bucket{",
                "kafka_consumer_fetch_manager_records_consumed_total",
                "kafka_producer_record_send_total",
                "spring_cloud_stream_binder_kafka_offset");
        assertThat(scrape).as("observed sends of the outcomes").containsPattern(
                "spring_kafka_template_seconds_count\\{[^}]*messaging_destination_name=\"notification.outcomes\"");
        keepForTheDashboardCheck(scrape);
    }

    @Test
    void livenessAndReadinessAreUpWhileBrokerAndDatabaseAnswer() throws Exception {
        assertThat(JSON.readTree(get("/actuator/health/liveness")).path("status").asString()).isEqualTo("UP");
        JsonNode readiness = JSON.readTree(get("/actuator/health/readiness"));
        assertThat(readiness.path("status").asString()).isEqualTo("UP");
        assertThat(readiness.path("components").propertyNames()).contains("broker", "db", "readinessState");
    }

    private void publishWithHeader(RegistrationDecided decided, String traceparent) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()), new StringSerializer(),
                new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.REGISTRATION_DECISIONS.name(),
                    decided.registrationId(), MessageJson.toBytes(decided));
            record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
            producer.send(record);
        }
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    /** The scrape is the reference the Grafana dashboard's metric names are checked against (deploy/grafana). */
    private static void keepForTheDashboardCheck(String scrape) throws Exception {
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "notification-service.prom"), scrape);
        String dir = System.getenv("SCRAPES_DIR");
        if (dir != null && !dir.isBlank()) {
            Files.createDirectories(Path.of(dir));
            Files.writeString(Path.of(dir, "notification-service.prom"), scrape);
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
