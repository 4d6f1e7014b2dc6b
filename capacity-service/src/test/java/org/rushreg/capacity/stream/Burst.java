package org.rushreg.capacity.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.rushreg.capacity.allocation.InMemoryLedger;
import org.rushreg.capacity.allocation.SeatAllocator;
import org.rushreg.capacity.allocation.TestDigests;
import org.rushreg.messages.CancelRegistration;
import org.rushreg.messages.ConfigureEvent;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.Registrant;
import org.rushreg.messages.RegisterAttendee;
import org.rushreg.messages.RegistrationCancelled;
import org.rushreg.messages.RegistrationCommand;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.RegistrationPromoted;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.Topics;

/**
 * A rush of commands over a few small events, each on a partition of its own: registrations for one or two
 * sessions, some asking for overlapping sessions, some repeating an earlier person's email (trimmed and in
 * capitals), some sent twice (a retry), and cancellations that promote from the waitlists. One event has no
 * waitlist.
 *
 * <p>What must come out is known in advance: each event's commands are decided one by one in log order, so the
 * allocation core run over the same commands in memory gives exactly the outcomes the cluster must have committed,
 * whatever crashed or moved in between.
 */
final class Burst {

    static final int PARTITIONS = 6;
    private static final int EVENTS = 4;

    final List<String> eventIds;
    final Map<String, EventDefinition> events = new HashMap<>();
    final List<RegistrationCommand> commands = new ArrayList<>();
    final Set<String> registrationIds = new LinkedHashSet<>();

    Burst(String name, int registrations) {
        eventIds = eventsOnDistinctPartitions(name);
        for (int e = 0; e < EVENTS; e++) {
            EventDefinition event = event(eventIds.get(e), e != EVENTS - 1);
            events.put(event.id(), event);
            commands.add(ConfigureEvent.of(event));
        }
        List<RegisterAttendee> registered = new ArrayList<>();
        for (int i = 0; i < registrations; i++) {
            // Offsets that are multiples of EVENTS stay within the same event.
            String email = i % 10 == 9 ? "  P" + (i - 8) + "@Example.org " : "p" + i + "@example.org";
            RegisterAttendee register = RegisterAttendee.of(eventIds.get(i % EVENTS), name + "-r" + i,
                    new Registrant("Person", "No" + i, email, null), sessionsFor(i), "pl");
            registered.add(register);
            registrationIds.add(register.registrationId());
            commands.add(register);
            if (i % 25 == 4) {
                commands.add(registered.get(i - 4)); // a producer retry: the same command again
            }
            if (i % 30 == 29) {
                RegisterAttendee earlier = registered.get(i - 20);
                commands.add(CancelRegistration.of(earlier.eventId(), earlier.registrationId()));
            }
        }
    }

    private static List<String> sessionsFor(int i) {
        if (i % 17 == 16) {
            return List.of("day-1", "walk"); // overlapping: refused
        }
        return switch (i % 3) {
            case 0 -> List.of("day-1", "day-2");
            case 1 -> List.of("day-2");
            default -> List.of("walk");
        };
    }

    private static EventDefinition event(String id, boolean waitlist) {
        return new EventDefinition(id, "Event " + id, "CFK_13", "Fabryczna 13, Kraków", "Europe/Warsaw",
                LocalDate.of(2024, 10, 7), LocalDate.of(2024, 10, 8), null, null, waitlist, "organiser@example.org",
                List.of(session("day-1", "2024-10-07T07:00:00Z", "2024-10-07T16:00:00Z", 8),
                        session("day-2", "2024-10-08T07:00:00Z", "2024-10-08T16:00:00Z", 6),
                        session("walk", "2024-10-07T14:00:00Z", "2024-10-07T16:00:00Z", 4)));
    }

    private static SessionDefinition session(String id, String start, String end, int capacity) {
        return new SessionDefinition(id, "Session " + id, Instant.parse(start), Instant.parse(end), capacity);
    }

    /** Event ids whose records land on different partitions (the producer's default partitioner). */
    private static List<String> eventsOnDistinctPartitions(String name) {
        Map<Integer, String> byPartition = new HashMap<>();
        for (int i = 0; byPartition.size() < EVENTS; i++) {
            String id = name + "-event-" + i;
            byPartition.putIfAbsent(Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % PARTITIONS,
                    id);
        }
        return List.copyOf(byPartition.values());
    }

    void produce(String bootstrapServers, int from, int to) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (RegistrationCommand command : commands.subList(from, to)) {
                producer.send(new ProducerRecord<>(Topics.REGISTRATION_COMMANDS.name(), command.eventId(),
                        MessageJson.toBytes(command)));
            }
            producer.flush();
        }
    }

    /** The outcomes of deciding every command once, in order, with the allocation core alone. */
    List<String> expectedOutcomes() {
        SeatAllocator allocator = new SeatAllocator(new InMemoryLedger(), TestDigests.EMAILS);
        return commands.stream()
                .flatMap(command -> allocator.apply(command, Instant.now()).outcomes().stream())
                .map(Burst::describe)
                .toList();
    }

    /**
     * Everything in an outcome but its creation time. Message ids derive from the command, so a decision made twice
     * (once in an aborted transaction, once after the crash) would show up twice here.
     */
    static String describe(RegistrationOutcome outcome) {
        if (outcome instanceof RegistrationDecided decided) {
            return "decided " + decided.messageId() + " " + decided.registrationId() + " " + decided.status() + " "
                    + decided.reason() + " " + decided.sessions();
        }
        if (outcome instanceof RegistrationPromoted promoted) {
            return "promoted " + promoted.messageId() + " " + promoted.registrationId() + " " + promoted.sessionId()
                    + " " + promoted.status() + " " + promoted.sessions();
        }
        RegistrationCancelled cancelled = (RegistrationCancelled) outcome;
        return "cancelled " + cancelled.messageId() + " " + cancelled.registrationId() + " " + cancelled.sessions();
    }

    /** DESIGN.md §4 invariants 1, 2 and 4 over what a read_committed reader sees, then equality with the model. */
    void assertDecidedExactlyOnce(List<RegistrationOutcome> committed) {
        List<RegistrationDecided> decided = committed.stream()
                .filter(RegistrationDecided.class::isInstance).map(RegistrationDecided.class::cast).toList();
        assertThat(decided.stream().collect(Collectors.groupingBy(RegistrationDecided::registrationId,
                Collectors.counting())))
                .as("one decision per registration")
                .containsOnlyKeys(registrationIds)
                .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1L));

        // Each registration's seats as they end up: decided, then perhaps promoted, then perhaps cancelled.
        Map<String, Map<String, SessionStatus>> finalSeats = new HashMap<>();
        Map<String, List<Integer>> waitlistPositions = new HashMap<>();
        for (RegistrationDecided decision : decided) {
            for (SessionOutcome session : decision.sessions()) {
                finalSeats.computeIfAbsent(decision.registrationId(), id -> new HashMap<>())
                        .put(decision.eventId() + "/" + session.sessionId(), session.status());
                if (session.status() == SessionStatus.WAITLISTED) {
                    waitlistPositions.computeIfAbsent(decision.eventId() + "/" + session.sessionId(),
                            key -> new ArrayList<>()).add(session.waitlistPosition());
                }
            }
        }
        committed.stream().filter(RegistrationPromoted.class::isInstance).map(RegistrationPromoted.class::cast)
                .forEach(promoted -> finalSeats.get(promoted.registrationId())
                        .put(promoted.eventId() + "/" + promoted.sessionId(), SessionStatus.CONFIRMED));
        committed.stream().filter(RegistrationCancelled.class::isInstance)
                .forEach(cancelled -> finalSeats.remove(cancelled.registrationId()));
        Map<String, Long> confirmed = finalSeats.values().stream().flatMap(seats -> seats.entrySet().stream())
                .filter(seat -> seat.getValue() == SessionStatus.CONFIRMED)
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.counting()));
        confirmed.forEach((session, count) -> assertThat(count).as("confirmed in " + session)
                .isLessThanOrEqualTo(capacity(session)));
        waitlistPositions.forEach((session, positions) -> assertThat(positions).as("waitlist places of " + session)
                .doesNotHaveDuplicates());

        List<String> promotions = committed.stream().filter(RegistrationPromoted.class::isInstance)
                .map(o -> o.registrationId() + "/" + ((RegistrationPromoted) o).sessionId()).toList();
        assertThat(promotions).as("each promotion once").doesNotHaveDuplicates();

        assertThat(committed.stream().map(Burst::describe).toList())
                .as("the outcomes of deciding each command exactly once, in log order")
                .containsExactlyInAnyOrderElementsOf(expectedOutcomes());
    }

    private int capacity(String eventAndSession) {
        String[] parts = eventAndSession.split("/");
        return events.get(parts[0]).sessions().stream().filter(s -> s.id().equals(parts[1])).findFirst()
                .orElseThrow().capacity();
    }
}
