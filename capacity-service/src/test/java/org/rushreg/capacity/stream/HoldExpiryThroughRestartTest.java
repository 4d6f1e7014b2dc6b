package org.rushreg.capacity.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rushreg.messages.ConfigureEvent;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.Registrant;
import org.rushreg.messages.RegisterAttendee;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationHeld;
import org.rushreg.messages.RegistrationHoldExpired;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.RegistrationPromoted;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.messages.VerifyEmail;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Decision 0030's promise through restarts, on a real broker with exactly-once: a hold whose deadline passes while
 * the capacity-service is down is expired by the next instance, which rebuilt the hold from the changelog (each
 * instance starts with an empty state directory), its seat goes to the waitlist's head, and an instance started
 * after that neither expires it nor promotes again, while it does expire a hold of its own.
 *
 * <p>The instances after the first live past the hold's deadline ({@link AheadTime}): the downtime is a jump of
 * their clock, not a minute of waiting.
 */
class HoldExpiryThroughRestartTest {

    private static final String EVENT = "holds-2024";
    /** The shortest hold an event may set. */
    private static final int HOLD_MINUTES = 1;
    /** How far the clock of an instance after the first is ahead: past a hold made just before. */
    private static final Duration PAST_A_HOLD = Duration.ofMinutes(HOLD_MINUTES).plusSeconds(5);

    private static EmbeddedKafkaKraftBroker broker;

    @TempDir
    Path stateDirs;

    @BeforeAll
    static void startBroker() {
        broker = SingleBroker.startWithTopics();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void aHoldThatExpiresWhileTheServiceIsDownIsReleasedOnceByTheNextInstance() {
        String brokers = broker.getBrokersAsString();
        Instant heldUntil;
        try (Instance first = new Instance(brokers, "first")) {
            Commands.send(brokers,
                    new ConfigureEvent(Schema.newMessageId(), Schema.now(), Schema.VERSION, EVENT, event()),
                    register("r1", "anna@example.org"), register("r2", "piotr@example.org"));
            heldUntil = ((RegistrationHeld) awaitOutcome(brokers, o -> o instanceof RegistrationHeld
                    && o.registrationId().equals("r1"))).heldUntil();
            awaitOutcome(brokers, o -> o instanceof RegistrationHeld && o.registrationId().equals("r2"));
            Commands.send(brokers, VerifyEmail.of(EVENT, "r2"));
            awaitOutcome(brokers, o -> o instanceof RegistrationDecided && o.registrationId().equals("r2"));
        }

        assertThat(Instant.now().plus(PAST_A_HOLD)).as("the next instances' now").isAfter(heldUntil);

        try (Instance second = new Instance(brokers, "second", AheadTime.by(PAST_A_HOLD))) {
            awaitOutcome(brokers, o -> o instanceof RegistrationPromoted && o.registrationId().equals("r2"));
        }

        AheadTime thirdsClock = AheadTime.by(PAST_A_HOLD);
        try (Instance third = new Instance(brokers, "third", thirdsClock)) {
            Commands.send(brokers, register("r3", "ewa@example.org"));
            awaitOutcome(brokers, o -> o instanceof RegistrationHeld && o.registrationId().equals("r3"));
            thirdsClock.advance(PAST_A_HOLD);
            // r3's expiry shows that this instance's clock expires holds; r1's must not come again meanwhile.
            awaitOutcome(brokers, o -> o instanceof RegistrationHoldExpired && o.registrationId().equals("r3"));
        }

        List<String> outcomes = decided(brokers).stream()
                .map(o -> o.getClass().getSimpleName() + " " + o.registrationId()).toList();
        // Keyed by registration: ordered within a registration, not across them.
        assertThat(outcomes).containsExactlyInAnyOrder(
                "RegistrationHeld r1", "RegistrationHeld r2", "RegistrationDecided r2",
                "RegistrationHoldExpired r1", "RegistrationPromoted r2",
                "RegistrationHeld r3", "RegistrationHoldExpired r3");
    }

    private static EventDefinition event() {
        Instant now = Instant.now();
        SessionDefinition day = new SessionDefinition("day-1", "Day 1", now.plus(Duration.ofDays(30)),
                now.plus(Duration.ofDays(30)).plus(Duration.ofHours(8)), 1);
        return new EventDefinition(EVENT, "Holds", "CFK_13", "Fabryczna 13, Kraków", "Europe/Warsaw",
                LocalDate.now().plusDays(30), LocalDate.now().plusDays(30), null, null, true,
                "organiser@example.org", List.of(day)).withEmailVerification(true, HOLD_MINUTES);
    }

    private static RegisterAttendee register(String registrationId, String email) {
        return new RegisterAttendee(Schema.newMessageId(), Schema.now(), Schema.VERSION, EVENT, registrationId,
                new Registrant("Anna", "Nowak", email, null), List.of("day-1"), "pl", null, null);
    }

    /** The committed outcomes of this test's event, in the order of its partition. */
    private static List<RegistrationOutcome> decided(String brokers) {
        try (OutcomeReader reader = new OutcomeReader(brokers, "read_committed")) {
            return reader.readToEnd().stream().filter(o -> EVENT.equals(o.eventId())).toList();
        }
    }

    private static RegistrationOutcome awaitOutcome(String brokers, Predicate<RegistrationOutcome> wanted) {
        return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> decided(brokers).stream().filter(wanted).findFirst(), found -> found.isPresent())
                .orElseThrow();
    }

    /** A capacity-service stream as the application runs it, in a state directory of its own (nothing local kept). */
    private final class Instance implements AutoCloseable {

        private final KafkaStreams streams;

        Instance(String brokers, String name) {
            this(brokers, name, Time.SYSTEM);
        }

        Instance(String brokers, String name, Time clock) {
            streams = CapacityInstance.create(brokers, stateDirs.resolve(name).toString(),
                    CapacityInstance.FAST_FAILOVER, clock);
            streams.start();
        }

        @Override
        public void close() {
            streams.close(Duration.ofSeconds(30));
        }
    }
}
