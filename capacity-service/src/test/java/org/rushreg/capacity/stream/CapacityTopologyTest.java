package org.rushreg.capacity.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rushreg.messages.CancelRegistration;
import org.rushreg.messages.ChangeSessions;
import org.rushreg.messages.ConfigureEvent;
import org.rushreg.messages.CapacityDataReported;
import org.rushreg.messages.EmailDigest;
import org.rushreg.messages.ErasePerson;
import org.rushreg.messages.ReportPersonalData;
import org.rushreg.messages.SealedData;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.EventPersonalDataExpired;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.Registrant;
import org.rushreg.messages.RegisterAttendee;
import org.rushreg.messages.RegistrationCommand;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.RegistrationPromoted;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.RejectionReason;
import org.rushreg.messages.ScanResult;
import org.rushreg.messages.ReleaseNoShows;
import org.rushreg.messages.ScanTicket;
import org.rushreg.messages.SeatAvailability;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionSeats;
import org.rushreg.messages.SessionsChanged;
import org.rushreg.messages.TicketScanned;
import org.rushreg.messages.Topics;

class CapacityTopologyTest {

    private static final String EVENT = "kongres-2024";

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> commands;
    private TestOutputTopic<String, byte[]> decisions;
    private TestOutputTopic<String, byte[]> availability;
    private TestOutputTopic<String, byte[]> deadLetters;
    private TestOutputTopic<String, byte[]> attendance;

    @BeforeEach
    void startTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        CapacityTopology.attach(builder.stream(List.of(Topics.REGISTRATION_COMMANDS.name(),
                Topics.PERSONAL_DATA_EXPIRATIONS.name()), Consumed.with(Serdes.String(), Serdes.ByteArray())));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "capacity-service-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), config);
        commands = driver.createInputTopic(Topics.REGISTRATION_COMMANDS.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        decisions = driver.createOutputTopic(Topics.REGISTRATION_DECISIONS.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        availability = driver.createOutputTopic(Topics.SEAT_AVAILABILITY.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        attendance = driver.createOutputTopic(Topics.ATTENDANCE.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        deadLetters = driver.createOutputTopic(Topics.REGISTRATION_COMMANDS.deadLetterName(),
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    private void send(RegistrationCommand command) {
        commands.pipeInput(command.eventId(), MessageJson.toBytes(command));
    }

    private static EventDefinition event(int capacity) {
        return new EventDefinition(EVENT, "IV Kongres", "CFK_13", "Fabryczna 13, Kraków", "Europe/Warsaw",
                LocalDate.of(2024, 10, 7), LocalDate.of(2024, 10, 8), null, null, true, "organiser@example.org",
                List.of(new SessionDefinition("day-1", "Day 1", Instant.parse("2024-10-07T07:00:00Z"),
                        Instant.parse("2024-10-07T16:00:00Z"), capacity)));
    }

    private static RegisterAttendee register(String registrationId, String email) {
        return RegisterAttendee.of(EVENT, registrationId, new Registrant("Jan", "Kowalski", email, null),
                List.of("day-1"), "en");
    }

    private List<TicketScanned> readScans() {
        return attendance.readRecordsToList().stream().map(record -> {
            TicketScanned scan = MessageJson.fromBytes(record.value(), Topics.ATTENDANCE);
            assertThat(record.key()).isEqualTo(scan.eventId());
            return scan;
        }).toList();
    }

    @Test
    void decidesScansInTheEventsOrderAndPublishesThemOnTheAttendanceTopicKeyedByEvent() {
        send(ConfigureEvent.of(event(1)));
        send(register("r1", "a@example.org"));
        Instant offline = Instant.parse("2024-10-07T06:40:00Z");
        send(CancelRegistration.of(EVENT, "r1"));
        send(ScanTicket.of(EVENT, "phone-1:1", "r1", null, offline));
        send(ScanTicket.of(EVENT, "phone-1:2", "r-unknown", "day-1", offline));

        List<TicketScanned> scans = readScans();

        assertThat(scans).extracting(TicketScanned::scanId, TicketScanned::result, TicketScanned::conflict)
                .containsExactly(tuple("phone-1:1", ScanResult.CANCELLED, true),
                        tuple("phone-1:2", ScanResult.UNKNOWN, false));
        assertThat(readDecisions()).as("scans decide no registration")
                .extracting(RegistrationOutcome::registrationId).containsExactly("r1", "r1");
    }

    private List<RegistrationOutcome> readDecisions() {
        return decisions.readRecordsToList().stream().map(record -> {
            RegistrationOutcome outcome = MessageJson.fromBytes(record.value(), Topics.REGISTRATION_DECISIONS);
            assertThat(record.key()).isEqualTo(outcome.registrationId());
            return outcome;
        }).toList();
    }

    @Test
    void decidesRegistrationsKeyedByRegistrationIdAndPublishesSeatsKeyedByEvent() {
        send(ConfigureEvent.of(event(2)));
        send(register("r1", "a@example.org"));
        send(register("r2", "b@example.org"));
        send(register("r3", "c@example.org"));

        List<RegistrationOutcome> outcomes = readDecisions();
        assertThat(outcomes).extracting(o -> ((RegistrationDecided) o).status())
                .containsExactly(RegistrationStatus.CONFIRMED, RegistrationStatus.CONFIRMED,
                        RegistrationStatus.WAITLISTED);
        driver.advanceWallClockTime(CapacityTopology.DEFAULT_AVAILABILITY_INTERVAL);
        List<TestRecord<String, byte[]>> seats = availability.readRecordsToList();
        assertThat(seats).extracting(TestRecord::key).containsExactly(EVENT);
        assertThat(MessageJson.fromBytes(seats.get(0).value(), Topics.SEAT_AVAILABILITY).sessions())
                .containsExactly(new SessionSeats("day-1", 2, 2, 1));
    }

    @Test
    void anErasureCancelsFirstPromotesTheWaitlistAndTheChangelogKeepsNoDigestOfThePerson() {
        send(ConfigureEvent.of(event(1)));
        send(register("r1", "erased@example.org"));
        send(register("r2", "waiting@example.org"));
        readDecisions();

        send(ErasePerson.of(EVENT, "erasure-1", List.of("r1")));

        assertThat(readDecisions()).extracting(o -> o.getClass().getSimpleName() + " " + o.registrationId())
                .containsExactly("RegistrationCancelled r1", "RegistrationPromoted r2", "RegistrationErased r1");
        TestOutputTopic<String, org.rushreg.capacity.allocation.RegistrationRecord> changelog =
                driver.createOutputTopic("capacity-service-test-" + CapacityStores.REGISTRATIONS + "-changelog",
                        Serdes.String().deserializer(), CapacityStores.REGISTRATION_VALUES.deserializer());
        Map<String, org.rushreg.capacity.allocation.RegistrationRecord> latest = changelog.readKeyValuesToMap();
        org.rushreg.capacity.allocation.RegistrationRecord erased = latest.entrySet().stream()
                .filter(e -> e.getKey().endsWith("r1")).map(Map.Entry::getValue).findFirst().orElseThrow();
        assertThat(erased.emailHash()).as("what compaction keeps of the erased registration").isNull();
        assertThat(erased.status()).isEqualTo(RegistrationStatus.CANCELLED);

        send(register("r3", "erased@example.org"));
        assertThat(((RegistrationDecided) readDecisions().get(0)).status())
                .as("the address may register again: nothing here knows it").isEqualTo(RegistrationStatus.WAITLISTED);
    }

    @Test
    void anAccessRequestIsAnsweredFromTheStateKeyedByRequestAndChangesNothing() {
        send(ConfigureEvent.of(event(1)));
        send(register("r1", "someone-else@example.org"));
        send(register("r2", " Asked@Example.org "));
        readDecisions();
        TestOutputTopic<String, byte[]> access = driver.createOutputTopic(Topics.PERSONAL_DATA_ACCESS.name(),
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        TestOutputTopic<String, org.rushreg.capacity.allocation.RegistrationRecord> changelog =
                driver.createOutputTopic("capacity-service-test-" + CapacityStores.REGISTRATIONS + "-changelog",
                        Serdes.String().deserializer(), CapacityStores.REGISTRATION_VALUES.deserializer());
        changelog.readKeyValuesToMap();

        KeyPair requester = SealedData.newKeyPair();
        String publicKey = SealedData.publicKeyText(requester.getPublic());
        send(ReportPersonalData.of(EVENT, "request-1", List.of("r2", "r-unknown"), publicKey));

        List<TestRecord<String, byte[]>> answers = access.readRecordsToList();
        assertThat(answers).extracting(TestRecord::key).containsExactly("request-1");
        String digest = EmailDigest.withKey(EmailDigest.DEVELOPMENT_KEY).of(EVENT, "asked@example.org");
        assertThat(new String(answers.get(0).value(), StandardCharsets.UTF_8)).as("sealed: nothing of it in clear")
                .doesNotContain(digest, "asked@example.org", "day-1", "WAITLISTED");
        CapacityDataReported report = (CapacityDataReported) MessageJson.fromBytes(answers.get(0).value(),
                Topics.PERSONAL_DATA_ACCESS);
        assertThat(report.eventId()).isEqualTo(EVENT);
        assertThatThrownBy(() -> report.open(SealedData.newKeyPair())).as("only the requester's key opens it")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(report.open(requester).registrations()).as("only what the state knows").singleElement()
                .satisfies(held -> {
            assertThat(held.registrationId()).isEqualTo("r2");
            assertThat(held.status()).isEqualTo(RegistrationStatus.WAITLISTED);
            assertThat(held.emailDigest()).as("the digest the state keeps of the address").isEqualTo(digest);
            assertThat(held.seats()).extracting(CapacityDataReported.HeldSeat::sessionId,
                    CapacityDataReported.HeldSeat::status).containsExactly(tuple("day-1", SessionStatus.WAITLISTED));
        });
        assertThat(readDecisions()).as("nobody is told anything").isEmpty();
        assertThat(changelog.readKeyValuesToMap()).as("no state changes").isEmpty();
        driver.advanceWallClockTime(CapacityTopology.DEFAULT_AVAILABILITY_INTERVAL);
        availability.readRecordsToList();

        send(ErasePerson.of(EVENT, "erasure-1", List.of("r2")));
        readDecisions();
        send(ReportPersonalData.of(EVENT, "request-2", List.of("r2"), publicKey));
        CapacityDataReported afterErasure = (CapacityDataReported) MessageJson.fromBytes(
                access.readRecordsToList().get(0).value(), Topics.PERSONAL_DATA_ACCESS);
        assertThat(afterErasure.open(requester).registrations()).singleElement().satisfies(held -> {
            assertThat(held.status()).isEqualTo(RegistrationStatus.CANCELLED);
            assertThat(held.emailDigest()).as("forgotten with the person").isNull();
        });

        send(new ReportPersonalData(null, Instant.now(), 1, EVENT, " ", List.of("r2"), publicKey));
        assertThat(deadLetters.readRecordsToList()).as("a request without its id").hasSize(1);
        send(new ReportPersonalData(null, Instant.now(), 1, EVENT, "request-3", List.of("r2"), null));
        send(ReportPersonalData.of(EVENT, "request-4", List.of("r2"), "bm90IGEga2V5"));
        assertThat(deadLetters.readRecordsToList()).as("requests without a usable key").hasSize(2);
        assertThat(access.readRecordsToList()).as("never answered in clear").isEmpty();
    }

    @Test
    void anExpiredEventsRecordsForgetTheirDigestsOnceAndChangeNoSeat() {
        send(ConfigureEvent.of(event(1)));
        send(register("r1", "kept@example.org"));
        send(register("r2", "waiting@example.org"));
        readDecisions();
        TestInputTopic<String, byte[]> expirations = driver.createInputTopic(
                Topics.PERSONAL_DATA_EXPIRATIONS.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        TestOutputTopic<String, org.rushreg.capacity.allocation.RegistrationRecord> changelog =
                driver.createOutputTopic("capacity-service-test-" + CapacityStores.REGISTRATIONS + "-changelog",
                        Serdes.String().deserializer(), CapacityStores.REGISTRATION_VALUES.deserializer());
        changelog.readKeyValuesToMap();

        expirations.pipeInput(EVENT, MessageJson.toBytes(EventPersonalDataExpired.of(EVENT)));

        Map<String, org.rushreg.capacity.allocation.RegistrationRecord> latest = changelog.readKeyValuesToMap();
        assertThat(latest).as("what compaction keeps of the event's registrations").hasSize(2);
        assertThat(latest.values()).allSatisfy(record -> assertThat(record.emailHash()).isNull());
        assertThat(latest.values()).extracting(org.rushreg.capacity.allocation.RegistrationRecord::status)
                .containsExactlyInAnyOrder(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED);
        assertThat(readDecisions()).as("no seat changes, nobody is told").isEmpty();
        assertThat(deadLetters.readRecordsToList()).isEmpty();

        expirations.pipeInput(EVENT, MessageJson.toBytes(EventPersonalDataExpired.of(EVENT)));
        assertThat(changelog.readKeyValuesToMap()).as("a repeat forgets nothing more").isEmpty();
        expirations.pipeInput("another-event", MessageJson.toBytes(EventPersonalDataExpired.of(EVENT)));
        assertThat(driver.createOutputTopic(Topics.PERSONAL_DATA_EXPIRATIONS.deadLetterName(),
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer()).readRecordsToList())
                .as("an expiry under another key").hasSize(1);
    }

    @Test
    void aChangeOfSessionsIsAnsweredOnTheDecisionsTopicAndItsFreedSeatPromotesTheWaitlist() {
        send(ConfigureEvent.of(eventWithWalk(1)));
        send(register("r1", "a@example.org"));
        send(register("r2", "b@example.org"));
        readDecisions();

        send(ChangeSessions.of(EVENT, "r1", List.of("walk")));

        List<RegistrationOutcome> outcomes = readDecisions();
        assertThat(outcomes).extracting(RegistrationOutcome::registrationId).containsExactly("r1", "r2");
        SessionsChanged changed = (SessionsChanged) outcomes.get(0);
        assertThat(changed.sessions()).extracting(SessionOutcome::sessionId).containsExactly("walk");
        assertThat(changed.released()).extracting(SessionOutcome::sessionId).containsExactly("day-1");
        assertThat(outcomes.get(1)).isInstanceOf(RegistrationPromoted.class);
    }

    @Test
    void aNoShowReleaseGivesTheSeatOfWhoDidNotComeToWhoCameOffTheWaitlistOnce() {
        send(ConfigureEvent.of(event(1).withNoShowReleaseMinutes(15)));
        send(register("r1", "a@example.org"));
        send(register("r2", "b@example.org"));
        send(register("r3", "c@example.org"));
        send(ScanTicket.of(EVENT, "phone-1:1", "r3", null, Instant.parse("2024-10-07T06:40:00Z")));
        readDecisions();
        assertThat(readScans()).extracting(TicketScanned::result)
                .containsExactly(ScanResult.NOT_CONFIRMED_FOR_SESSION);

        ReleaseNoShows release = ReleaseNoShows.of(EVENT, "day-1", "release-1");
        send(release);
        send(release); // delivered again
        send(ReleaseNoShows.of(EVENT, "day-1", "release-2")); // asked again

        List<RegistrationOutcome> outcomes = readDecisions();
        assertThat(outcomes).extracting(o -> o.getClass().getSimpleName() + " " + o.registrationId())
                .containsExactly("SessionsChanged r1", "RegistrationPromoted r3");
        SessionsChanged released = (SessionsChanged) outcomes.get(0);
        assertThat(released.commandId()).isEqualTo(release.messageId());
        assertThat(released.status()).isEqualTo(RegistrationStatus.CANCELLED);
        assertThat(released.released()).extracting(SessionOutcome::sessionId).containsExactly("day-1");
        driver.advanceWallClockTime(CapacityTopology.DEFAULT_AVAILABILITY_INTERVAL);
        List<TestRecord<String, byte[]>> seats = availability.readRecordsToList();
        assertThat(MessageJson.fromBytes(seats.get(seats.size() - 1).value(), Topics.SEAT_AVAILABILITY).sessions())
                .containsExactly(new SessionSeats("day-1", 1, 1, 1));
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    private static EventDefinition eventWithWalk(int capacity) {
        EventDefinition day = event(capacity);
        List<SessionDefinition> sessions = new java.util.ArrayList<>(day.sessions());
        sessions.add(new SessionDefinition("walk", "Walk", Instant.parse("2024-10-08T07:00:00Z"),
                Instant.parse("2024-10-08T09:00:00Z"), capacity));
        return new EventDefinition(EVENT, day.name(), day.venue(), day.venueAddress(), day.timeZone(),
                day.startsOn(), day.endsOn(), null, null, true, day.organiserEmail(), sessions);
    }

    @Test
    void publishesSeatAvailabilityOncePerIntervalWithTheLatestCounts() {
        send(ConfigureEvent.of(event(3)));
        for (int i = 1; i <= 10; i++) {
            send(register("r" + i, i + "@example.org"));
        }
        assertThat(availability.isEmpty()).as("nothing before the interval is up").isTrue();

        driver.advanceWallClockTime(CapacityTopology.DEFAULT_AVAILABILITY_INTERVAL);
        List<TestRecord<String, byte[]>> seats = availability.readRecordsToList();
        assertThat(seats).as("one record for eleven changes").hasSize(1);
        assertThat(MessageJson.fromBytes(seats.get(0).value(), Topics.SEAT_AVAILABILITY).sessions())
                .containsExactly(new SessionSeats("day-1", 3, 3, 7));

        driver.advanceWallClockTime(CapacityTopology.DEFAULT_AVAILABILITY_INTERVAL);
        assertThat(availability.isEmpty()).as("nothing again while nothing changed").isTrue();

        send(CancelRegistration.of(EVENT, "r1"));
        driver.advanceWallClockTime(CapacityTopology.DEFAULT_AVAILABILITY_INTERVAL);
        assertThat(MessageJson.fromBytes(availability.readValue(), Topics.SEAT_AVAILABILITY).sessions())
                .as("the next change is published in the next interval")
                .containsExactly(new SessionSeats("day-1", 3, 3, 6));
    }

    @Test
    void keepsStateBetweenCommandsSoCancellationPromotesTheWaitlist() {
        send(ConfigureEvent.of(event(1)));
        send(register("r1", "a@example.org"));
        send(register("r2", "b@example.org"));
        readDecisions();

        send(CancelRegistration.of(EVENT, "r1"));

        List<RegistrationOutcome> outcomes = readDecisions();
        assertThat(outcomes).extracting(RegistrationOutcome::registrationId).containsExactly("r1", "r2");
        assertThat(outcomes.get(1)).isInstanceOf(RegistrationPromoted.class);
        driver.advanceWallClockTime(CapacityTopology.DEFAULT_AVAILABILITY_INTERVAL);
        List<TestRecord<String, byte[]>> seats = availability.readRecordsToList();
        SeatAvailability last = MessageJson.fromBytes(seats.get(seats.size() - 1).value(),
                Topics.SEAT_AVAILABILITY);
        assertThat(last.sessions()).containsExactly(new SessionSeats("day-1", 1, 1, 0));
    }

    @Test
    void redeliveredCommandIsNotDecidedAgain() {
        send(ConfigureEvent.of(event(5)));
        RegisterAttendee command = register("r1", "a@example.org");
        send(command);
        send(command);

        assertThat(readDecisions()).hasSize(1);
    }

    @Test
    void sendsMalformedRecordsToTheDeadLetterTopicAndCarriesOn() {
        commands.pipeInput(EVENT, "{not json".getBytes(StandardCharsets.UTF_8));
        RegisterAttendee wrongKey = register("r0", "x@example.org");
        commands.pipeInput("another-event", MessageJson.toBytes(wrongKey));
        send(RegisterAttendee.of(EVENT, null, new Registrant("Jan", "Kowalski", "j@example.org", null),
                List.of("day-1"), "en"));
        send(ConfigureEvent.of(event(5)));
        send(register("r1", "a@example.org"));

        List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).hasSize(3);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(dead.get(0).headers().lastHeader(AllocationProcessor.ERROR_HEADER)).isNotNull();
        assertThat(readDecisions()).extracting(RegistrationOutcome::registrationId).containsExactly("r1");
    }

    @Test
    void aNewInstanceRestoredFromTheChangelogsDecidesAsTheOldOneWould() {
        send(ConfigureEvent.of(event(1)));
        RegisterAttendee first = register("r1", "a@example.org");
        send(first);
        send(register("r2", "b@example.org"));
        send(register("r3", "c@example.org"));
        send(CancelRegistration.of(EVENT, "r3")); // leaves an empty waitlist place and tombstones behind
        ScanTicket arrival = ScanTicket.of(EVENT, "phone-1:1", "r1", null, Instant.parse("2024-10-07T06:40:00Z"));
        send(arrival);
        readDecisions();
        assertThat(readScans()).extracting(TicketScanned::result).containsExactly(ScanResult.ADMITTED);
        Map<String, List<TestRecord<String, Object>>> changelogs = new LinkedHashMap<>();
        CHANGELOG_VALUES.forEach((store, values) -> changelogs.put(store, driver.createOutputTopic(
                "capacity-service-test-" + store + "-changelog", Serdes.String().deserializer(),
                values.deserializer()).readRecordsToList()));

        // TopologyTestDriver wipes its state dir on close and cannot restore, so the test does what a restore
        // does: it writes every changelog record, tombstones included, into the new instance's empty stores.
        driver.close();
        startTopology();
        changelogs.forEach((store, records) -> {
            KeyValueStore<String, Object> restored = driver.getKeyValueStore(store);
            records.forEach(record -> restored.put(record.key(), record.value()));
        });

        send(arrival);
        send(ScanTicket.of(EVENT, "phone-2:1", "r1", null, Instant.parse("2024-10-07T06:50:00Z")));
        assertThat(readScans()).as("the scan sent again changes nothing; another is the second of the ticket")
                .extracting(TicketScanned::scanId, TicketScanned::result, TicketScanned::at)
                .containsExactly(tuple("phone-2:1", ScanResult.ALREADY_ADMITTED, arrival.scannedAt()));
        send(first);
        send(register("r4", " A@Example.org"));
        send(CancelRegistration.of(EVENT, "r1"));
        List<RegistrationOutcome> outcomes = readDecisions();
        assertThat(outcomes).as("r1 not decided again; its email still taken; the waitlist kept")
                .extracting(RegistrationOutcome::registrationId).containsExactly("r4", "r1", "r2");
        assertThat(((RegistrationDecided) outcomes.get(0)).reason()).isEqualTo(RejectionReason.ALREADY_REGISTERED);
        assertThat(outcomes.get(2)).isInstanceOf(RegistrationPromoted.class);
    }

    /** The value serde of every store, as {@link CapacityStores} declares them. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Map<String, Serde<Object>> CHANGELOG_VALUES = Map.of(
            CapacityStores.EVENTS, (Serde) CapacityStores.EVENT_VALUES,
            CapacityStores.TALLIES, (Serde) CapacityStores.TALLY_VALUES,
            CapacityStores.REGISTRATIONS, (Serde) CapacityStores.REGISTRATION_VALUES,
            CapacityStores.ATTENDANCE, (Serde) CapacityStores.ATTENDANCE_VALUES);
}
