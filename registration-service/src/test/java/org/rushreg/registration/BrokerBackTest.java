package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The broker goes away in the middle of taking registrations and comes back: while it is away every request
 * is refused with a 503 and Retry-After within a second (nothing half-accepted); once it is back, requests are
 * accepted again by the same running service, without a restart. Kafka's own test cluster (one controller, one
 * broker), whose broker is shut down and started again on the same port and data.
 */
@DirtiesContext
@TestPropertySource(properties = {"rushreg.test.context=broker-back",
        // Only the broker check may open the breaker here, so that the test proves that check.
        "rushreg.publish-breaker.minimum-calls=1000", "rushreg.publish-breaker.window=1000"})
class BrokerBackTest extends ServiceTestSupport {

    private static final KafkaClusterTestKit cluster = startCluster();

    @Autowired
    JdbcClient jdbc;

    private static KafkaClusterTestKit startCluster() {
        try {
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(false).setNumControllerNodes(1).setNumBrokerNodes(1)
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction()).build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return kit;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the test Kafka cluster", e);
        }
    }

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.stream.kafka.binder.brokers", cluster::bootstrapServers);
        // The embedded broker of the shared test setup also sets Boot's own, which the command sender uses.
        registry.add("spring.kafka.bootstrap-servers", cluster::bootstrapServers);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    @Test
    void whileTheBrokerIsAwayRequestsGetA503WithinASecondAndWhenItIsBackTheyAreAcceptedAgain() throws Exception {
        List<String> accepted = new ArrayList<>();
        Answer before = register(registration("day-1"));
        assertThat(before.status()).as(before.body()).isEqualTo(202);
        accepted.add(before.json().get("registrationId").asString());

        Instant stopped = Instant.now();
        cluster.brokers().values().iterator().next().shutdown();

        // The service notices within about a second; from then on each request is refused at once.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Instant sent = Instant.now();
            Answer answer = register(registration("day-1"));
            return answer.status() == 503 && Duration.between(sent, Instant.now()).toMillis() < 1000;
        });
        for (int i = 0; i < 5; i++) {
            Instant sent = Instant.now();
            Answer refused = register(registration("day-1"));
            assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(1));
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.raw().headers().firstValue("Retry-After")).isPresent();
        }

        cluster.brokers().values().iterator().next().startup();

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Answer answer = register(registration("day-1"));
            if (answer.status() == 202) {
                accepted.add(answer.json().get("registrationId").asString());
                return true;
            }
            return false;
        });
        Answer after = register(registration("day-1"));
        assertThat(after.status()).as(after.body()).isEqualTo(202);
        accepted.add(after.json().get("registrationId").asString());

        // Every 202 is on the command log; nothing refused left a registration behind.
        assertThat(commandLogRegistrationIds()).containsAll(accepted);
        assertThat(jdbc.sql("select id from registrations where created_at >= :stopped")
                .param("stopped", java.sql.Timestamp.from(stopped)).query(String.class).list())
                .allMatch(accepted::contains);
    }

    private List<String> commandLogRegistrationIds() {
        List<String> ids = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "broker-back-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("registration.commands"));
            Instant until = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(until)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    var json = JSON.readTree(record.value());
                    if (json.has("registrationId")) {
                        ids.add(json.get("registrationId").asString());
                    }
                }
                if (!ids.isEmpty() && consumer.assignment().stream()
                        .allMatch(p -> consumer.position(p) >= consumer.endOffsets(List.of(p)).get(p))) {
                    return ids;
                }
            }
        }
        return ids;
    }
}
