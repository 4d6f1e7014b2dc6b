package org.rushreg.capacity.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rushreg.capacity.stream.CapacityTopology;
import org.rushreg.messages.ConfigureEvent;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.Registrant;
import org.rushreg.messages.RegisterAttendee;
import org.rushreg.messages.RegistrationCommand;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.messages.Topics;
import org.slf4j.LoggerFactory;

class DecisionTrailTest {

    private static final String EVENT = "kongres-2024";
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    @TempDir
    Path stateDir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> commands;
    private TestOutputTopic<String, byte[]> decisions;

    @BeforeEach
    void startTopology() {
        // The counter goes through the global registry: start without meters other tests left in it.
        Metrics.globalRegistry.clear();
        Metrics.addRegistry(meters);
        logged.start();
        root.addAppender(logged);
        StreamsBuilder builder = new StreamsBuilder();
        CapacityTopology.attach(builder.stream(Topics.REGISTRATION_COMMANDS.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray())));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "decision-trail-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), config);
        commands = driver.createInputTopic(Topics.REGISTRATION_COMMANDS.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        decisions = driver.createOutputTopic(Topics.REGISTRATION_DECISIONS.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
        root.detachAppender(logged);
        Metrics.removeRegistry(meters);
        Metrics.globalRegistry.clear();
    }

    @Test
    void aDecisionCarriesTheCommandsTraceHeaderAndIsLoggedWithItsIdsAndCountedByStatus() {
        send(ConfigureEvent.of(event(1)), null);
        send(register("r1", new Registrant("Zofia", "Wiśniewska", "zofia.wisniewska@example.org", null)),
                TRACEPARENT);
        send(register("r2", new Registrant("Adam", "Nowicki", "adam.nowicki@example.org", null)), null);

        List<TestRecord<String, byte[]>> out = decisions.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsExactly("r1", "r2");
        assertThat(new String(out.get(0).headers().lastHeader("traceparent").value(), StandardCharsets.US_ASCII))
                .isEqualTo(TRACEPARENT);
        assertThat(out.get(1).headers().lastHeader("traceparent")).as("no trace, no header").isNull();

        ILoggingEvent decided = logged.list.stream().filter(e -> e.getFormattedMessage().contains("r1 decided"))
                .findFirst().orElseThrow();
        assertThat(decided.getMDCPropertyMap()).containsEntry(DecisionTrail.REGISTRATION_ID, "r1")
                .containsEntry(DecisionTrail.TRACE_ID, TRACE_ID);
        assertThat(logged.list).noneMatch(e -> e.getFormattedMessage().contains("@example.org")
                || e.getFormattedMessage().contains("Wiśniewska") || e.getFormattedMessage().contains("Nowicki"));

        assertThat(meters.counter(DecisionTrail.COUNTER, "status", "CONFIRMED").count()).isEqualTo(1);
        assertThat(meters.counter(DecisionTrail.COUNTER, "status", "WAITLISTED").count()).isEqualTo(1);
    }

    private void send(RegistrationCommand command, String traceparent) {
        RecordHeaders headers = new RecordHeaders();
        if (traceparent != null) {
            headers.add("traceparent", traceparent.getBytes(StandardCharsets.US_ASCII));
        }
        commands.pipeInput(new TestRecord<>(command.eventId(), MessageJson.toBytes(command), headers,
                Instant.now()));
    }

    private static EventDefinition event(int capacity) {
        return new EventDefinition(EVENT, "IV Kongres", "CFK_13", "Fabryczna 13, Kraków", "Europe/Warsaw",
                LocalDate.of(2024, 10, 7), LocalDate.of(2024, 10, 8), null, null, true, "organiser@example.org",
                List.of(new SessionDefinition("day-1", "Day 1", Instant.parse("2024-10-07T07:00:00Z"),
                        Instant.parse("2024-10-07T16:00:00Z"), capacity)));
    }

    private static RegisterAttendee register(String registrationId, Registrant registrant) {
        return RegisterAttendee.of(EVENT, registrationId, registrant, List.of("day-1"), "en");
    }
}
