package org.rushreg.capacity.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rushreg.capacity.allocation.RegistrationRecord;
import org.rushreg.messages.ConfigureEvent;
import org.rushreg.messages.EmailDigest;
import org.rushreg.messages.ErasePerson;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.RegisterAttendee;
import org.rushreg.messages.Registrant;
import org.rushreg.messages.RegistrationCommand;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.messages.Topics;

/**
 * A quiet partition of the registrations' changelog still gets a write once per seventh of the personal-data
 * retention, so the broker rolls the segment that holds a rewritten record's old digest and compacts it away
 * (decision 0048); the write changes nothing in the state.
 */
class ChangelogRollTest {

    private static final String EVENT = "kongres-2024";
    private static final Duration RETENTION = Duration.ofHours(7);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> commands;
    private TestOutputTopic<String, RegistrationRecord> changelog;

    @BeforeEach
    void startTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        CapacityTopology.attach(
                builder.stream(Topics.REGISTRATION_COMMANDS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray())),
                CapacityTopology.DEFAULT_AVAILABILITY_INTERVAL, CapacityTopology.DEFAULT_HOLD_CHECK_INTERVAL,
                EmailDigest.withKey(EmailDigest.DEVELOPMENT_KEY), RETENTION);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "capacity-service-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), config, Instant.parse("2024-10-01T00:00:00Z"));
        commands = driver.createInputTopic(Topics.REGISTRATION_COMMANDS.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        changelog = driver.createOutputTopic("capacity-service-test-" + CapacityStores.REGISTRATIONS + "-changelog",
                Serdes.String().deserializer(), CapacityStores.REGISTRATION_VALUES.deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void anErasedPersonsPartitionIsWrittenToOncePerSeventhOfTheRetentionWithNothingInTheState() {
        send(ConfigureEvent.of(new EventDefinition(EVENT, "IV Kongres", "CFK_13", "Fabryczna 13, Kraków",
                "Europe/Warsaw", LocalDate.of(2024, 10, 7), LocalDate.of(2024, 10, 8), null, null, true,
                "organiser@example.org", List.of(new SessionDefinition("day-1", "Day 1",
                Instant.parse("2024-10-07T07:00:00Z"), Instant.parse("2024-10-07T16:00:00Z"), 10)))));
        send(RegisterAttendee.of(EVENT, "r1", new Registrant("Jan", "Kowalski", "jan@example.org", null),
                List.of("day-1"), "en"));
        send(ErasePerson.of(EVENT, "erasure-1", List.of("r1")));
        List<KeyValue<String, RegistrationRecord>> written = changelog.readKeyValuesToList();
        assertThat(written).extracting(entry -> entry.key).allMatch(key -> key.endsWith("r1"));
        assertThat(written.get(written.size() - 1).value.emailHash()).isNull();

        driver.advanceWallClockTime(RETENTION.dividedBy(7).minusMinutes(1));
        assertThat(changelog.isEmpty()).as("nothing before a seventh of the retention").isTrue();

        driver.advanceWallClockTime(Duration.ofMinutes(1));
        assertThat(changelog.readKeyValuesToList()).as("a deletion of a key no registration has")
                .containsExactly(new KeyValue<>(AllocationProcessor.SEGMENT_ROLL_MARK, null));

        driver.advanceWallClockTime(RETENTION.dividedBy(7));
        assertThat(changelog.readKeyValuesToList()).hasSize(1);
        assertThat(driver.<String, RegistrationRecord>getKeyValueStore(CapacityStores.REGISTRATIONS)
                .get(AllocationProcessor.SEGMENT_ROLL_MARK)).isNull();
    }

    private void send(RegistrationCommand command) {
        commands.pipeInput(command.eventId(), MessageJson.toBytes(command));
    }
}
