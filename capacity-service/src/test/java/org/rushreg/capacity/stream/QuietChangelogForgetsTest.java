package org.rushreg.capacity.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rushreg.capacity.allocation.RegistrationRecord;
import org.rushreg.messages.ConfigureEvent;
import org.rushreg.messages.EmailDigest;
import org.rushreg.messages.ErasePerson;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.RegisterAttendee;
import org.rushreg.messages.Registrant;
import org.rushreg.messages.RegistrationErased;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.messages.Topics;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Decision 0048 on a real broker: a person erased on a partition that nothing is written to afterwards is gone from
 * the registrations' changelog within its retention — the record with their email digest compacted away — because
 * the capacity-service itself writes to the partition so that the broker rolls and compacts the segment.
 */
class QuietChangelogForgetsTest {

    private static final String EVENT = "quiet-2024";
    private static final Duration RETENTION = Duration.ofSeconds(6);
    private static final String CHANGELOG = "capacity-service-" + CapacityStores.REGISTRATIONS + "-changelog";

    private static EmbeddedKafkaKraftBroker broker;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startBroker() {
        // the cleaner looks for work twice a second, not every 15 s
        broker = SingleBroker.startWithTopics(Map.of("log.cleaner.backoff.ms", "500"));
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void theErasedPersonsDigestLeavesTheChangelogThoughTheirPartitionStaysQuiet() {
        String brokers = broker.getBrokersAsString();
        Properties config = CapacityInstance.applicationConfiguration(brokers, stateDir.toString());
        StreamsBuilder builder = new StreamsBuilder();
        CapacityTopology.attach(
                builder.stream(Topics.REGISTRATION_COMMANDS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray())),
                CapacityTopology.DEFAULT_AVAILABILITY_INTERVAL, CapacityTopology.DEFAULT_HOLD_CHECK_INTERVAL,
                EmailDigest.withKey(EmailDigest.DEVELOPMENT_KEY), RETENTION);
        try (KafkaStreams streams = new KafkaStreams(builder.build(config), config)) {
            streams.start();
            // Kafka Streams makes its changelogs (compacted, with their settings) before it runs.
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
            Commands.send(brokers, ConfigureEvent.of(event()), RegisterAttendee.of(EVENT, "r1",
                    new Registrant("Jan", "Kowalski", "jan@example.org", null), List.of("day-1"), "pl"));
            await().atMost(Duration.ofSeconds(60)).until(() -> digestsOfR1(brokers) > 0);

            Commands.send(brokers, ErasePerson.of(EVENT, "erasure-1", List.of("r1")));
            try (OutcomeReader decisions = new OutcomeReader(brokers, "read_committed")) {
                await().atMost(Duration.ofSeconds(60)).until(() -> decisions.poll().stream()
                        .anyMatch(o -> o instanceof RegistrationErased && o.registrationId().equals("r1")));
            }

            // Nothing more is sent: only the service's own marks reach the partition.
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> digestsOfR1(brokers) == 0);
            assertThat(records(brokers)).as("the erased registration's own record stays, without a digest")
                    .anyMatch(r -> r.key() != null && r.key().endsWith("r1") && r.value() != null);
        }
    }

    private static EventDefinition event() {
        Instant later = Instant.now().plus(Duration.ofDays(30));
        return new EventDefinition(EVENT, "Quiet", "CFK_13", "Fabryczna 13, Kraków", "Europe/Warsaw",
                LocalDate.now().plusDays(30), LocalDate.now().plusDays(30), null, null, true,
                "organiser@example.org", List.of(new SessionDefinition("day-1", "Day 1", later,
                later.plus(Duration.ofHours(8)), 10)));
    }

    /** How many records of the changelog, read from the beginning, hold r1 with an email digest. */
    private static long digestsOfR1(String brokers) {
        return records(brokers).stream().filter(r -> r.key() != null && r.key().endsWith("r1") && r.value() != null)
                .map(r -> CapacityStores.REGISTRATION_VALUES.deserializer().deserialize(CHANGELOG, r.value()))
                .filter(record -> record.emailHash() != null).count();
    }

    private static List<ConsumerRecord<String, byte[]>> records(String brokers) {
        List<TopicPartition> partitions = IntStream.range(0, Burst.PARTITIONS)
                .mapToObj(p -> new TopicPartition(CHANGELOG, p)).toList();
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

}
