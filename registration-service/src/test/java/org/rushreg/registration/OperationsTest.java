package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.rushreg.messages.Topics;

/** What an operator relies on: health, metrics, the API description, and no record silently skipped. */
class OperationsTest extends ServiceTestSupport {

    @Test
    void healthIsUpAndMetricsAreScrapable() {
        Answer health = management("/actuator/health");
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        assertThat(get("/api/events").status()).isEqualTo(200);
        Answer prometheus = management("/actuator/prometheus");
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.body()).contains("http_server_requests");
    }

    @Test
    void operatorsEndpointsAreOnlyOnTheManagementPortAndTheProbesAlsoOnThePublicOne() {
        assertThat(managementPort).isNotEqualTo(port);
        for (String path : new String[] {"/actuator/prometheus", "/actuator/health", "/actuator/health/readiness",
                "/actuator/health/liveness", "/actuator/info", "/actuator"}) {
            assertThat(get(path).status()).as("public port " + path).isEqualTo(404);
        }
        assertThat(management("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(management("/actuator/health/readiness").json().path("components").has("db")).isTrue();

        for (String probe : new String[] {"/livez", "/readyz"}) {
            Answer answer = get(probe);
            assertThat(answer.status()).as(probe).isEqualTo(200);
            assertThat(answer.json().path("status").asString()).as(probe).isEqualTo("UP");
            assertThat(answer.json().has("components")).as(probe + " names no parts").isFalse();
        }
    }

    @Test
    void theApiIsDescribedAsOpenApi() {
        Answer docs = get("/v3/api-docs/public");
        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/events/{eventId}/registrations")).isTrue();
        var post = docs.json().path("paths").path("/api/events/{eventId}/registrations").path("post");
        assertThat(post.path("responses").propertyNames()).contains("202", "400", "404", "413", "415", "422", "429",
                "503");
        assertThat(post.path("requestBody").toString()).contains("anna.nowak@example.org");
    }

    @Test
    void aRecordThatIsNotADecisionGoesToTheDeadLetterTopic() {
        var producers = new DefaultKafkaProducerFactory<>(KafkaTestUtils.producerProps(broker), new StringSerializer(),
                new ByteArraySerializer());
        try {
            new KafkaTemplate<>(producers).send(Topics.REGISTRATION_DECISIONS.name(), "poison",
                    "{not a decision".getBytes()).join();
        } finally {
            producers.destroy();
        }
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "dlq-" + UUID.randomUUID(), false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var dlq = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new ByteArrayDeserializer())
                .createConsumer()) {
            dlq.subscribe(java.util.List.of(Topics.REGISTRATION_DECISIONS.deadLetterName()));
            var found = new java.util.ArrayList<String>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                dlq.poll(Duration.ofMillis(200)).forEach(r -> found.add(r.key()));
                return found.contains("poison");
            });
        }
    }
}
