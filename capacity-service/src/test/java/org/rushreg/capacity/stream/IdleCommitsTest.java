package org.rushreg.capacity.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * An idle service costs the broker nothing but its polls: once the last decision and its seat availability are
 * out, no more transactions are committed. Kafka Streams commits a task after each punctuation, and exactly-once
 * makes each commit a transaction, so a punctuation must not stay scheduled while nothing is pending.
 */
class IdleCommitsTest {

    private static EmbeddedKafkaKraftBroker broker;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startBroker() {
        broker = SingleBroker.startWithTopics();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void afterTheLastDecisionAndItsAvailabilityNothingMoreIsCommitted() {
        String brokers = broker.getBrokersAsString();
        Burst burst = new Burst("idle", 40);
        try (KafkaStreams streams = CapacityInstance.create(brokers, stateDir.toString(), Map.of())) {
            streams.start();
            burst.produce(brokers, 0, burst.commands.size());
            OutcomeReader.awaitAllCommandsDecided(brokers, Duration.ofSeconds(60));

            // At most the last availability's publication and its commit may still come; before, ten in 2 s.
            double decided = commits(streams);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                    assertThat(commits(streams) - decided).as("commits after the last decision").isLessThanOrEqualTo(2));
        }
    }

    private static double commits(KafkaStreams streams) {
        return streams.metrics().values().stream()
                .filter(metric -> metric.metricName().name().equals("commit-total")
                        && metric.metricName().group().equals("stream-thread-metrics"))
                .mapToDouble(metric -> ((Number) ((Metric) metric).metricValue()).doubleValue())
                .sum();
    }
}
