package org.rushreg.capacity.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rushreg.capacity.allocation.EventFixtures.DAY_1;
import static org.rushreg.capacity.allocation.EventFixtures.DAY_2;
import static org.rushreg.capacity.allocation.EventFixtures.configure;
import static org.rushreg.capacity.allocation.EventFixtures.event;
import static org.rushreg.capacity.allocation.EventFixtures.register;
import static org.rushreg.capacity.allocation.EventFixtures.registerFiveOfWhomOneCancelled;
import static org.rushreg.capacity.allocation.EventFixtures.session;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.ConfigureEvent;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.SessionChangedByOrganiser;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.messages.SessionStatus;

/** An organiser's change of a session's time or place reaches each registration that holds or waits for it. */
class SessionChangedByOrganiserTest {

    private static final Instant NOW = Instant.parse("2024-09-10T09:00:01Z");
    private static final SessionDefinition DAY_1_LATER =
            session("day-1", "2024-10-07T09:00:00Z", "2024-10-07T17:00:00Z", 2);

    private final InMemoryLedger ledger = new InMemoryLedger();
    private final SeatAllocator allocator = new SeatAllocator(ledger, TestDigests.EMAILS);

    private List<SessionChangedByOrganiser> apply(ConfigureEvent command) {
        return allocator.apply(command, NOW).outcomes().stream()
                .filter(SessionChangedByOrganiser.class::isInstance).map(SessionChangedByOrganiser.class::cast)
                .toList();
    }

    @Test
    void aNewTimeTellsTheConfirmedAndTheWaitlistedOfThatSessionOnlyOnceEach() {
        apply(configure(event(true, DAY_1, DAY_2)));
        registerFiveOfWhomOneCancelled(allocator, NOW);
        ConfigureEvent moved = configure(event(true, DAY_1_LATER, DAY_2));

        List<SessionChangedByOrganiser> told = apply(moved);

        assertThat(told).extracting(SessionChangedByOrganiser::registrationId)
                .containsExactlyInAnyOrder("r1", "r2", "r3");
        assertThat(told).allSatisfy(m -> {
            assertThat(m.commandId()).isEqualTo(moved.messageId());
            assertThat(m.session().sessionId()).isEqualTo("day-1");
            assertThat(m.session().startsAt()).isEqualTo(DAY_1_LATER.startsAt());
            assertThat(m.sessionBefore().startsAt()).as("the old time, for the email").isEqualTo(DAY_1.startsAt());
            assertThat(m.eventBefore().venue()).isEqualTo(m.event().venue());
            assertThat(m.event()).isNotNull();
        });
        assertThat(told).filteredOn(m -> m.registrationId().equals("r3")).singleElement()
                .satisfies(m -> assertThat(m.session().status()).isEqualTo(SessionStatus.WAITLISTED));
        assertThat(told).extracting(SessionChangedByOrganiser::messageId).doesNotHaveDuplicates();

        assertThat(apply(moved)).as("the same change again").isEmpty();
    }

    @Test
    void theSameChangeDecidedAgainFromTheSameStateGivesTheSameMessageIds() {
        EventDefinition before = event(true, DAY_1);
        ConfigureEvent moved = configure(event(true, DAY_1_LATER));
        List<String> ids = List.of(1, 2).stream().map(run -> {
            SeatAllocator fresh = new SeatAllocator(new InMemoryLedger(), TestDigests.EMAILS);
            fresh.apply(configure(before), NOW);
            fresh.apply(register("r1", "a@example.org", "day-1"), NOW);
            return fresh.apply(moved, NOW).outcomes().stream()
                    .filter(SessionChangedByOrganiser.class::isInstance).map(o -> o.messageId()).findFirst()
                    .orElseThrow();
        }).toList();

        assertThat(ids.get(0)).isEqualTo(ids.get(1));
    }

    @Test
    void aNewVenueTellsEveryoneHoldingASeatAndACapacityChangeTellsNobody() {
        EventDefinition first = event(true, DAY_1, DAY_2);
        apply(configure(first));
        allocator.apply(register("r1", "a@example.org", "day-1", "day-2"), NOW);
        SessionDefinition bigger = new SessionDefinition("day-2", DAY_2.title(), DAY_2.startsAt(), DAY_2.endsAt(), 5);

        assertThat(apply(configure(event(true, DAY_1, bigger)))).isEmpty();

        EventDefinition elsewhere = new EventDefinition(first.id(), first.name(), "Hala Wisły",
                "ul. Inna 1, Kraków", first.timeZone(), first.startsOn(), first.endsOn(), first.registrationOpensAt(),
                first.registrationClosesAt(), true, first.organiserEmail(), List.of(DAY_1, bigger));
        List<SessionChangedByOrganiser> moved = apply(configure(elsewhere));
        assertThat(moved).extracting(m -> m.session().sessionId()).containsExactlyInAnyOrder("day-1", "day-2");
        assertThat(moved).allSatisfy(m -> {
            assertThat(m.eventBefore().venue()).isEqualTo(first.venue());
            assertThat(m.event().venue()).isEqualTo("Hala Wisły");
        });
    }
}
