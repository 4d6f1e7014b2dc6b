package org.rushreg.capacity.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Scale-out (issue 3): two instances of the service share the six command partitions, each with a standby copy of
 * the other's state; one is shut down in the middle of a burst and the other takes its events over.
 */
class ScaleOutTest {

    private static EmbeddedKafkaKraftBroker broker;

    @TempDir
    Path stateDirA;

    @TempDir
    Path stateDirB;

    @BeforeAll
    static void startBroker() {
        broker = SingleBroker.startWithTopics();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void theRemainingInstanceTakesOverMidBurstAndEveryCommandIsStillDecidedExactlyOnce() {
        String brokers = broker.getBrokersAsString();
        Map<String, String> settings = new HashMap<>(CapacityInstance.FAST_FAILOVER);
        settings.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "1");
        Burst burst = new Burst("scale", 240);
        int half = burst.commands.size() / 2;

        KafkaStreams a = CapacityInstance.create(brokers, stateDirA.toString(), settings);
        KafkaStreams b = CapacityInstance.create(brokers, stateDirB.toString(), settings);
        try (b; OutcomeReader committed = new OutcomeReader(brokers, "read_committed")) {
            a.start();
            b.start();
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(activeTasks(a)).as("A's share").isPositive();
                assertThat(activeTasks(b)).as("B's share").isPositive();
                assertThat(activeTasks(a) + activeTasks(b)).isEqualTo(Burst.PARTITIONS);
                assertThat(standbyTasks(b)).as("B's standby copies of A's state").isPositive();
            });

            burst.produce(brokers, 0, half);
            await().atMost(Duration.ofSeconds(60)).until(() -> !committed.poll().isEmpty());
            burst.produce(brokers, half, burst.commands.size());
            a.close(Duration.ofSeconds(30));

            await().atMost(Duration.ofSeconds(90)).until(() -> activeTasks(b) == Burst.PARTITIONS);
            OutcomeReader.awaitAllCommandsDecided(brokers, Duration.ofSeconds(120));
        }

        try (OutcomeReader committed = new OutcomeReader(brokers, "read_committed")) {
            burst.assertDecidedExactlyOnce(committed.readToEnd());
        }
    }

    private static int activeTasks(KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream().mapToInt(thread -> thread.activeTasks().size()).sum();
    }

    private static int standbyTasks(KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream().mapToInt(thread -> thread.standbyTasks().size()).sum();
    }
}
