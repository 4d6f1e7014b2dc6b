package org.rushreg.notification.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rushreg.notification.NotificationServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The probes an orchestrator uses: readiness follows the broker and the database (no traffic while either is gone),
 * liveness does not (a restart would not bring them back). Its own broker and database, since it stops both.
 */
class ReadinessTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    private Path dataDir;

    @Test
    void readinessIsDownWhileTheDatabaseOrTheBrokerIsUnreachableAndLivenessStaysUp() throws Exception {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3, "registration.decisions",
                "notification.outcomes", "registration.decisions.dlq");
        broker.brokerProperties(Map.of("transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1"));
        broker.afterPropertiesSet();
        Path pgData = Files.createDirectories(dataDir.resolve("pg"));
        EmbeddedPostgres postgres = startPostgres(pgData, 0);
        int pgPort = postgres.getPort();
        try (ConfigurableApplicationContext app = start(broker, postgres)) {
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.management.port");
            await().atMost(PATIENCE).until(() -> get(base + "/actuator/health/readiness").statusCode() == 200);
            assertThat(status(base + "/actuator/health/liveness")).isEqualTo("UP");

            postgres.close();
            await().atMost(PATIENCE).until(() -> component(base + "/actuator/health/readiness", "db").equals("DOWN"));
            assertThat(get(base + "/actuator/health/readiness").statusCode()).isEqualTo(503);
            assertThat(status(base + "/actuator/health/liveness")).isEqualTo("UP");

            postgres = startPostgres(pgData, pgPort);
            await().atMost(PATIENCE).until(() -> get(base + "/actuator/health/readiness").statusCode() == 200);

            broker.destroy();
            await().atMost(PATIENCE)
                    .until(() -> component(base + "/actuator/health/readiness", "broker").equals("DOWN"));
            assertThat(get(base + "/actuator/health/readiness").statusCode()).isEqualTo(503);
            assertThat(status(base + "/actuator/health/liveness")).isEqualTo("UP");
        } finally {
            postgres.close();
            broker.destroy();
        }
    }

    private static EmbeddedPostgres startPostgres(Path dataDirectory, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).setPort(port)
                .start();
    }

    private static ConfigurableApplicationContext start(EmbeddedKafkaKraftBroker broker, EmbeddedPostgres postgres) {
        return new SpringApplicationBuilder(NotificationServiceApplication.class).run(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.cloud.stream.kafka.binder.brokers=" + broker.getBrokersAsString(),
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--spring.datasource.hikari.connection-timeout=1000",
                "--notification.manage-link-secret=readiness-test-secret-0123456789",
                // A stop with the broker gone should not wait long for it.
                "--spring.lifecycle.timeout-per-shutdown-phase=5s");
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String status(String url) throws Exception {
        return JSON.readTree(get(url).body()).path("status").asString();
    }

    private static String component(String url, String name) throws Exception {
        JsonNode health = JSON.readTree(get(url).body());
        return health.path("components").path(name).path("status").asString();
    }
}
