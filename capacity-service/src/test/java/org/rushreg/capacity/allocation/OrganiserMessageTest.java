package org.rushreg.capacity.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rushreg.capacity.allocation.EventFixtures.DAY_1;
import static org.rushreg.capacity.allocation.EventFixtures.DAY_2;
import static org.rushreg.capacity.allocation.EventFixtures.EVENT;
import static org.rushreg.capacity.allocation.EventFixtures.configure;
import static org.rushreg.capacity.allocation.EventFixtures.event;
import static org.rushreg.capacity.allocation.EventFixtures.register;
import static org.rushreg.capacity.allocation.EventFixtures.registerFiveOfWhomOneCancelled;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.OrganiserMessageAddressed;
import org.rushreg.messages.SendOrganiserMessage;

/**
 * An organiser's message (decision 0042) reaches exactly the people CONFIRMED in its session, or in the event, at
 * that point of the event's log, each once.
 */
class OrganiserMessageTest {

    private static final Instant NOW = Instant.parse("2024-09-10T09:00:01Z");

    private final SeatAllocator allocator = new SeatAllocator(new InMemoryLedger(), TestDigests.EMAILS);

    private static SendOrganiserMessage message(String sessionId) {
        return SendOrganiserMessage.of(EVENT, "msg-1", sessionId, "Zmiana sali", "Panel w sali B.", "Room change",
                "The panel is in room B.");
    }

    private List<OrganiserMessageAddressed> apply(SendOrganiserMessage command) {
        return apply(allocator, command);
    }

    private static List<OrganiserMessageAddressed> apply(SeatAllocator allocator, SendOrganiserMessage command) {
        return allocator.apply(command, NOW).outcomes().stream()
                .filter(OrganiserMessageAddressed.class::isInstance).map(OrganiserMessageAddressed.class::cast)
                .toList();
    }

    @Test
    void aMessageToASessionReachesItsConfirmedOnlyAndNobodyTwice() {
        allocator.apply(configure(event(true, DAY_1, DAY_2)), NOW);
        // day-1: r1 and r2 confirmed, r3 waitlisted, r5 cancelled; day-2: r2 and r4 confirmed.
        registerFiveOfWhomOneCancelled(allocator, NOW);
        SendOrganiserMessage toDay1 = message("day-1");

        List<OrganiserMessageAddressed> addressed = apply(toDay1);

        assertThat(addressed).extracting(OrganiserMessageAddressed::registrationId)
                .containsExactlyInAnyOrder("r1", "r2");
        assertThat(addressed).allSatisfy(m -> {
            assertThat(m.commandId()).isEqualTo(toDay1.messageId());
            assertThat(m.organiserMessageId()).isEqualTo("msg-1");
            assertThat(m.sessionId()).isEqualTo("day-1");
            assertThat(m.subjectPl()).isEqualTo("Zmiana sali");
            assertThat(m.bodyEn()).isEqualTo("The panel is in room B.");
            assertThat(m.event()).isNotNull();
        });
        assertThat(addressed).extracting(OrganiserMessageAddressed::messageId).doesNotHaveDuplicates();

        assertThat(apply(toDay1)).as("the same command redelivered").isEmpty();
    }

    @Test
    void aMessageToTheEventReachesEveryoneWithAConfirmedSeatOnce() {
        allocator.apply(configure(event(true, DAY_1, DAY_2)), NOW);
        registerFiveOfWhomOneCancelled(allocator, NOW);

        assertThat(apply(message(null))).extracting(OrganiserMessageAddressed::registrationId)
                .as("r2 holds two seats and is addressed once; r3 only waits, r5 cancelled")
                .containsExactlyInAnyOrder("r1", "r2", "r4");
    }

    @Test
    void theRejectedAndThoseOfAnotherEventAreNotAddressed() {
        allocator.apply(configure(event(false, DAY_1)), NOW);
        allocator.apply(register("r1", "a@example.org", "day-1"), NOW);
        allocator.apply(register("r2", "b@example.org", "day-1"), NOW);
        allocator.apply(register("r3", "c@example.org", "day-1"), NOW); // full, no waitlist: rejected

        assertThat(apply(message("day-1"))).extracting(OrganiserMessageAddressed::registrationId)
                .containsExactlyInAnyOrder("r1", "r2");
        assertThat(apply(SendOrganiserMessage.of("another-event", "msg-2", null, "a", "b", "c", "d"))).isEmpty();
    }

    @Test
    void theSameCommandDecidedFromTheSameStateGivesTheSameMessageIds() {
        SendOrganiserMessage command = message("day-1");
        List<List<String>> runs = List.of(1, 2).stream().map(run -> {
            SeatAllocator fresh = new SeatAllocator(new InMemoryLedger(), TestDigests.EMAILS);
            fresh.apply(configure(event(true, DAY_1)), NOW);
            fresh.apply(register("r1", "a@example.org", "day-1"), NOW);
            return apply(fresh, command).stream().map(OrganiserMessageAddressed::messageId).toList();
        }).toList();

        assertThat(runs.get(0)).hasSize(1).isEqualTo(runs.get(1));
    }
}
