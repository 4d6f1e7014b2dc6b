package org.rushreg.capacity.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A capacity-service instance killed with SIGKILL and started again under its instance id (issue 17): it decides
 * again without waiting for the group to expire the dead member's session. The session here is two minutes, longer
 * than the test waits, so a restarted instance that had to wait for it (a dynamic member) would fail the test.
 */
class RestartAfterKillTest {

    private static final Duration SESSION = Duration.ofMinutes(2);

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
    void aStaticMemberStartedAgainAfterAKillDecidesWithoutWaitingForItsOldSession() throws Exception {
        String brokers = broker.getBrokersAsString();
        String[] settings = {
                CapacityStreamConfiguration.GROUP_INSTANCE_ID + "=capacity-1",
                StreamsConfig.mainConsumerPrefix("session.timeout.ms") + "=" + SESSION.toMillis(),
                StreamsConfig.mainConsumerPrefix("heartbeat.interval.ms") + "=3000"};
        Burst burst = new Burst("restart", 120);
        int half = burst.commands.size() / 2;

        try (ChildInstance first = ChildInstance.start("first", brokers, stateDir, null, settings)) {
            burst.produce(brokers, 0, half);
            OutcomeReader.awaitAllCommandsDecided(brokers, Duration.ofSeconds(90));
            first.kill();
        }

        burst.produce(brokers, half, burst.commands.size());
        try (ChildInstance second = ChildInstance.start("second", brokers, stateDir, null, settings)) {
            // Well inside the dead member's session: only a member that took its partitions back at once gets here.
            OutcomeReader.awaitAllCommandsDecided(brokers, SESSION.dividedBy(2));
            assertThat(second.isAlive()).isTrue();
        }

        try (OutcomeReader committed = new OutcomeReader(brokers, "read_committed")) {
            burst.assertDecidedExactlyOnce(committed.readToEnd());
        }
    }
}
