package org.rushreg.capacity.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rushreg.messages.RegistrationOutcome;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Exactly-once under a crash (issue 3): an instance is killed with SIGKILL in the middle of a burst, with a
 * transaction open; its successor is killed again while it restores the state; a third one finishes. A
 * read_committed reader then sees every command decided exactly once, as the allocation core alone decides them.
 */
class ExactlyOnceUnderCrashTest {

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
    void everyCommandIsDecidedExactlyOnceAfterCrashesMidBurstAndDuringRestore() throws Exception {
        String brokers = broker.getBrokersAsString();
        Burst burst = new Burst("crash", 240);
        int part = burst.commands.size() / 3;

        // A long commit interval keeps the first instance's transactions open for a while, so the kill finds one.
        try (ChildInstance first = ChildInstance.start("first", brokers, stateDir, null, "commit.interval.ms=1000");
             OutcomeReader committed = new OutcomeReader(brokers, "read_committed");
             OutcomeReader uncommitted = new OutcomeReader(brokers, "read_uncommitted")) {
            burst.produce(brokers, 0, part);
            await().atMost(Duration.ofSeconds(90)).until(() -> !committed.poll().isEmpty());
            burst.produce(brokers, part, 2 * part);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> uncommitted.poll().size() > committed.poll().size());
            first.kill();
        }

        burst.produce(brokers, 2 * part, burst.commands.size());
        // Same state dir: the successor finds the dirty state of a crash, wipes it and restores from the changelog.
        try (ChildInstance second = ChildInstance.start("second", brokers, stateDir, "@restoring")) {
            await().atMost(Duration.ofSeconds(90)).until(() -> !second.isAlive());
            assertThat(second.printed("@restoring")).as("killed while restoring").isTrue();
            assertThat(second.printed("@state RUNNING")).as("killed before it ran").isFalse();
        }

        try (ChildInstance third = ChildInstance.start("third", brokers, stateDir, null)) {
            OutcomeReader.awaitAllCommandsDecided(brokers, Duration.ofSeconds(120));
        }

        try (OutcomeReader committed = new OutcomeReader(brokers, "read_committed");
             OutcomeReader uncommitted = new OutcomeReader(brokers, "read_uncommitted")) {
            List<RegistrationOutcome> outcomes = committed.readToEnd();
            System.out.printf("Committed outcomes: %d; written but aborted by the crash: %d%n", outcomes.size(),
                    uncommitted.readToEnd().size() - outcomes.size());
            burst.assertDecidedExactlyOnce(outcomes);
        }
    }
}
