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
import org.rushreg.messages.ConfigureEvent;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.RegistrationPromoted;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.RejectionReason;
import org.rushreg.messages.SessionCancelledByOrganiser;
import org.rushreg.messages.SessionSeats;
import org.rushreg.messages.SessionStatus;

/**
 * An organiser cancels a session (decision 0036): every registration holding a seat in it or waiting for it gives it
 * back and is told once; nobody is promoted into it and nobody can take it any more; a registration left with nothing
 * is cancelled and its address is free again.
 */
class SessionCancelledByOrganiserTest {

    private static final Instant NOW = Instant.parse("2024-09-10T09:00:01Z");

    private final InMemoryLedger ledger = new InMemoryLedger();
    private final SeatAllocator allocator = new SeatAllocator(ledger, TestDigests.EMAILS);

    private List<RegistrationOutcome> apply(ConfigureEvent command) {
        return allocator.apply(command, NOW).outcomes();
    }

    private static List<SessionCancelledByOrganiser> cancellations(List<RegistrationOutcome> outcomes) {
        return outcomes.stream().filter(SessionCancelledByOrganiser.class::isInstance)
                .map(SessionCancelledByOrganiser.class::cast).toList();
    }

    @Test
    void aCancelledSessionTellsEachOfItsConfirmedAndWaitlistedOnceAndGivesTheirPlacesBack() {
        apply(configure(event(true, DAY_1, DAY_2)));
        registerFiveOfWhomOneCancelled(allocator, NOW);
        ConfigureEvent calledOff = configure(event(true, DAY_1.withCancelled(true), DAY_2));

        List<RegistrationOutcome> outcomes = apply(calledOff);
        List<SessionCancelledByOrganiser> told = cancellations(outcomes);

        assertThat(outcomes).as("nobody is promoted into a cancelled session")
                .noneMatch(RegistrationPromoted.class::isInstance);
        assertThat(told).extracting(SessionCancelledByOrganiser::registrationId)
                .containsExactlyInAnyOrder("r1", "r2", "r3");
        assertThat(told).allSatisfy(m -> {
            assertThat(m.commandId()).isEqualTo(calledOff.messageId());
            assertThat(m.session().sessionId()).isEqualTo("day-1");
            assertThat(m.session().status()).isEqualTo(SessionStatus.CANCELLED);
            assertThat(m.session().startsAt()).isEqualTo(DAY_1.startsAt());
            assertThat(m.event()).isNotNull();
        });
        assertThat(told).filteredOn(m -> m.registrationId().equals("r1")).singleElement().satisfies(m -> {
            assertThat(m.heldBefore()).isEqualTo(SessionStatus.CONFIRMED);
            assertThat(m.status()).as("nothing left").isEqualTo(RegistrationStatus.CANCELLED);
        });
        assertThat(told).filteredOn(m -> m.registrationId().equals("r2")).singleElement().satisfies(m -> {
            assertThat(m.status()).as("day 2 kept").isEqualTo(RegistrationStatus.CONFIRMED);
            assertThat(m.sessions()).extracting(s -> s.sessionId() + " " + s.status())
                    .containsExactly("day-1 CANCELLED", "day-2 CONFIRMED");
        });
        assertThat(told).filteredOn(m -> m.registrationId().equals("r3")).singleElement()
                .satisfies(m -> assertThat(m.heldBefore()).isEqualTo(SessionStatus.WAITLISTED));
        assertThat(told).extracting(SessionCancelledByOrganiser::messageId).doesNotHaveDuplicates();
        assertThat(allocator.availability(EVENT, NOW).orElseThrow().sessions())
                .extracting(SessionSeats::sessionId, SessionSeats::confirmed, SessionSeats::waitlisted)
                .contains(org.assertj.core.groups.Tuple.tuple("day-1", 0, 0),
                        org.assertj.core.groups.Tuple.tuple("day-2", 2, 0));

        assertThat(cancellations(apply(calledOff))).as("the same change again").isEmpty();
        assertThat(cancellations(apply(configure(event(true, DAY_1.withCancelled(true), DAY_2)))))
                .as("still cancelled in a later definition").isEmpty();
    }

    @Test
    void aCancelledSessionCannotBeTakenAndAnAddressLeftWithNothingMayRegisterAgain() {
        apply(configure(event(true, DAY_1, DAY_2)));
        allocator.apply(register("r1", "a@example.org", "day-1"), NOW);
        apply(configure(event(true, DAY_1.withCancelled(true), DAY_2)));

        RegistrationDecided forCancelled = (RegistrationDecided) allocator
                .apply(register("r2", "b@example.org", "day-1"), NOW).outcomes().get(0);
        RegistrationDecided again = (RegistrationDecided) allocator
                .apply(register("r3", "a@example.org", "day-2"), NOW).outcomes().get(0);

        assertThat(forCancelled.reason()).isEqualTo(RejectionReason.UNKNOWN_SESSION);
        assertThat(again.status()).isEqualTo(RegistrationStatus.CONFIRMED);
    }

    @Test
    void theSameCancellationDecidedAgainFromTheSameStateGivesTheSameMessageIds() {
        ConfigureEvent calledOff = configure(event(true, DAY_1.withCancelled(true)));
        List<String> ids = List.of(1, 2).stream().map(run -> {
            SeatAllocator fresh = new SeatAllocator(new InMemoryLedger(), TestDigests.EMAILS);
            fresh.apply(configure(event(true, DAY_1)), NOW);
            fresh.apply(register("r1", "a@example.org", "day-1"), NOW);
            return cancellations(fresh.apply(calledOff, NOW).outcomes()).get(0).messageId();
        }).toList();

        assertThat(ids.get(0)).isEqualTo(ids.get(1));
    }
}
