package org.rushreg.capacity.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.rushreg.messages.ChangeSessions;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.RegisterAttendee;
import org.rushreg.messages.RegistrationCommand;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.RegistrationPromoted;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.SessionsChanged;

/** The invariants of DESIGN.md §4 over random command sequences. */
class AllocationInvariantsTest {

    private static final Instant NOW = Instant.parse("2024-09-10T09:00:01Z");
    private static final List<String> SESSION_IDS = List.of("day-1", "day-2", "walk");

    @Property(tries = 200)
    void confirmedNeverExceedsCapacityAndEachRegistrationIsDecidedOnce(
            @ForAll boolean waitlist, @ForAll("commands") List<RegistrationCommand> commands) {
        InMemoryLedger ledger = new InMemoryLedger();
        SeatAllocator allocator = new SeatAllocator(ledger, TestDigests.EMAILS);
        allocator.apply(EventFixtures.configure(eventWith(waitlist, 2, 1, 1)), NOW);

        Map<String, Integer> decisionsPerRegistration = new HashMap<>();
        Set<String> askedRegistrations = new HashSet<>();
        for (RegistrationCommand command : commands) {
            if (command instanceof RegisterAttendee register) {
                askedRegistrations.add(register.registrationId());
            }
            Map<String, Integer> confirmedBefore = new HashMap<>();
            SESSION_IDS.forEach(id -> confirmedBefore.put(id, ledger.tally(EventFixtures.EVENT, id).confirmed()));
            Decisions decisions = allocator.apply(command, NOW);
            if (command instanceof ChangeSessions change) {
                assertThat(decisions.outcomes()).as("a change is answered exactly once")
                        .filteredOn(o -> o instanceof SessionsChanged changed
                                && changed.commandId().equals(change.messageId()))
                        .hasSize(1);
            }
            for (RegistrationOutcome outcome : decisions.outcomes()) {
                if (outcome instanceof RegistrationDecided decided) {
                    decisionsPerRegistration.merge(decided.registrationId(), 1, Integer::sum);
                    if (decided.status() == RegistrationStatus.WAITLISTED) {
                        assertThat(decided.sessions()).allMatch(s -> s.status() == SessionStatus.WAITLISTED);
                    }
                }
            }
            EventDefinition current = ledger.event(EventFixtures.EVENT).orElseThrow();
            for (SessionDefinition session : current.sessions()) {
                SessionTally tally = ledger.tally(EventFixtures.EVENT, session.id());
                if (tally.confirmed() > session.capacity()) {
                    // Only a lowered capacity may leave more confirmed than seats, and then nobody is added.
                    assertThat(decisions.outcomes()).noneMatch(o -> confirmsSeatIn(o, session.id()));
                    assertThat(tally.confirmed()).isLessThanOrEqualTo(confirmedBefore.get(session.id()));
                } else {
                    assertThat(tally.confirmed()).isLessThanOrEqualTo(session.capacity());
                }
                if (tally.confirmed() < session.capacity()) {
                    assertThat(tally.waitlisted()).as("a free seat goes to the waitlist at once").isZero();
                }
            }
        }
        assertThat(decisionsPerRegistration.keySet()).isEqualTo(askedRegistrations);
        assertThat(decisionsPerRegistration.values()).allMatch(count -> count == 1);
    }

    /**
     * The capacity service stores only the registration records and rebuilds who holds which waitlist place and
     * which email is taken from them (decision 0009): after any sequence, the rebuilt lookups equal the ones the
     * allocator maintained step by step.
     */
    @Property(tries = 200)
    void waitlistPlacesAndTakenEmailsFollowFromTheRegistrationRecords(
            @ForAll boolean waitlist, @ForAll("commands") List<RegistrationCommand> commands) {
        InMemoryLedger ledger = new InMemoryLedger();
        SeatAllocator allocator = new SeatAllocator(ledger, TestDigests.EMAILS);
        allocator.apply(EventFixtures.configure(eventWith(waitlist, 2, 1, 1)), NOW);
        for (RegistrationCommand command : commands) {
            allocator.apply(command, NOW);
            InMemoryLedger rebuilt = ledger.rebuiltFromRecords();
            assertThat(rebuilt.waitlists()).isEqualTo(ledger.waitlists());
            assertThat(rebuilt.activeEmails()).isEqualTo(ledger.activeEmails());
        }
    }

    @Property(tries = 200)
    void withoutCapacityChangesConfirmedNeverExceedsCapacity(
            @ForAll("registrationsAndCancellations") List<RegistrationCommand> commands) {
        InMemoryLedger ledger = new InMemoryLedger();
        SeatAllocator allocator = new SeatAllocator(ledger, TestDigests.EMAILS);
        EventDefinition definition = eventWith(true, 2, 1, 1);
        allocator.apply(EventFixtures.configure(definition), NOW);
        for (RegistrationCommand command : commands) {
            allocator.apply(command, NOW);
            for (SessionDefinition session : definition.sessions()) {
                assertThat(ledger.tally(EventFixtures.EVENT, session.id()).confirmed())
                        .isLessThanOrEqualTo(session.capacity());
            }
        }
    }

    private static boolean confirmsSeatIn(RegistrationOutcome outcome, String sessionId) {
        if (outcome instanceof RegistrationDecided decided) {
            return decided.sessions().stream()
                    .anyMatch(s -> s.sessionId().equals(sessionId) && s.status() == SessionStatus.CONFIRMED);
        }
        return outcome instanceof RegistrationPromoted promoted
                && promoted.sessionId().equals(sessionId);
    }

    private static EventDefinition eventWith(boolean waitlist, int day1, int day2, int walk) {
        return EventFixtures.event(waitlist,
                EventFixtures.session("day-1", "2024-10-07T07:00:00Z", "2024-10-07T16:00:00Z", day1),
                EventFixtures.session("day-2", "2024-10-08T07:00:00Z", "2024-10-08T16:00:00Z", day2),
                EventFixtures.session("walk", "2024-10-07T14:00:00Z", "2024-10-07T16:00:00Z", walk));
    }

    @Provide
    Arbitrary<List<RegistrationCommand>> commands() {
        Arbitrary<RegistrationCommand> reconfigure = Combinators.combine(
                Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 3), Arbitraries.of(true, false))
                .as((day1, day2, walk, waitlist) -> EventFixtures.configure(eventWith(waitlist, day1, day2, walk)));
        return Arbitraries.frequencyOf(
                Tuple.of(6, register()),
                Tuple.of(3, cancel()),
                Tuple.of(3, change()),
                Tuple.of(1, reconfigure))
                .list().ofMaxSize(60);
    }

    @Provide
    Arbitrary<List<RegistrationCommand>> registrationsAndCancellations() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, register()),
                Tuple.of(1, cancel()),
                Tuple.of(2, change()))
                .list().ofMaxSize(60);
    }

    private static Arbitrary<RegistrationCommand> register() {
        return Combinators.combine(
                Arbitraries.integers().between(1, 25), Arbitraries.integers().between(1, 10),
                Arbitraries.of(SESSION_IDS).set().ofMinSize(1).ofMaxSize(3))
                .as((id, person, sessions) -> EventFixtures.register("r" + id, person + "@example.org",
                        new ArrayList<>(sessions).toArray(String[]::new)));
    }

    private static Arbitrary<RegistrationCommand> change() {
        return Combinators.combine(
                Arbitraries.integers().between(1, 25),
                Arbitraries.of(SESSION_IDS).set().ofMinSize(1).ofMaxSize(3))
                .as((id, sessions) -> EventFixtures.change("r" + id, new ArrayList<>(sessions).toArray(String[]::new)));
    }

    private static Arbitrary<RegistrationCommand> cancel() {
        return Arbitraries.integers().between(1, 25).map(id -> EventFixtures.cancel("r" + id));
    }
}
