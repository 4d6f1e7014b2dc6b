package org.rushreg.capacity.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.rushreg.capacity.allocation.EventFixtures.CLOSES;
import static org.rushreg.capacity.allocation.EventFixtures.DAY_1;
import static org.rushreg.capacity.allocation.EventFixtures.DAY_2;
import static org.rushreg.capacity.allocation.EventFixtures.EVENT;
import static org.rushreg.capacity.allocation.EventFixtures.OPENS;
import static org.rushreg.capacity.allocation.EventFixtures.WALK;
import static org.rushreg.capacity.allocation.EventFixtures.cancel;
import static org.rushreg.capacity.allocation.EventFixtures.change;
import static org.rushreg.capacity.allocation.EventFixtures.changeAt;
import static org.rushreg.capacity.allocation.EventFixtures.configure;
import static org.rushreg.capacity.allocation.EventFixtures.event;
import static org.rushreg.capacity.allocation.EventFixtures.register;
import static org.rushreg.capacity.allocation.EventFixtures.registerAt;
import static org.rushreg.capacity.allocation.EventFixtures.session;

import java.time.Instant;
import java.util.List;
import org.rushreg.messages.ErasePerson;
import org.rushreg.messages.RegistrationErased;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.EventSummary;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.RegisterAttendee;
import org.rushreg.messages.RegistrationCancelled;
import org.rushreg.messages.RegistrationCommand;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationPromoted;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.RejectionReason;
import org.rushreg.messages.ChangeSessions;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionsChanged;
import org.rushreg.messages.SessionSeats;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.Texts;

class SeatAllocatorTest {

    private static final Instant NOW = Instant.parse("2024-09-10T09:00:01Z");

    private final InMemoryLedger ledger = new InMemoryLedger();
    private final SeatAllocator allocator = new SeatAllocator(ledger, TestDigests.EMAILS);

    private Decisions apply(RegistrationCommand command) {
        return allocator.apply(command, NOW);
    }

    private RegistrationDecided decide(RegisterAttendee command) {
        Decisions decisions = apply(command);
        assertThat(decisions.outcomes()).hasSize(1);
        return (RegistrationDecided) decisions.outcomes().get(0);
    }

    /** The seats of a session right after {@code decisions}, which must say that they changed. */
    private SessionSeats seatsOf(Decisions decisions, String sessionId) {
        assertThat(decisions.seatsChanged()).isTrue();
        return allocator.availability(EVENT, NOW).orElseThrow().sessions().stream()
                .filter(s -> s.sessionId().equals(sessionId)).findFirst().orElseThrow();
    }

    @Test
    void aDecisionCarriesTheTitlesInBothLanguagesForTheRecipientsEmail() {
        SessionDefinition day1 = DAY_1.withTexts(Texts.of("Dzień 1", "Day 1"), Texts.of("Otwarcie", "Opening"));
        apply(configure(event(true, day1).withTexts(Texts.of("Kongres", "Congress"), null)));

        RegistrationDecided decided = decide(register("r1", "a@example.org", "day-1"));

        assertThat(decided.sessions().get(0).titleIn("en")).isEqualTo("Day 1");
        assertThat(decided.sessions().get(0).titleIn("pl")).isEqualTo("Dzień 1");
        assertThat(decided.event().nameIn("en")).isEqualTo("Congress");
    }

    @Test
    void anErasedPersonsSeatGoesToTheWaitlistAndTheirDigestIsForgotten() {
        apply(configure(event(true, DAY_1)));
        decide(register("r1", "erased@example.org", "day-1"));
        decide(register("r2", "b@example.org", "day-1"));
        decide(register("r3", "c@example.org", "day-1"));
        decide(register("r4", "erased@example.org", "day-1")); // refused as a second one of the address
        ErasePerson erase = new ErasePerson("erase-1", NOW, 1, EVENT, "erasure-1", List.of("r1", "r4"));

        Decisions decisions = apply(erase);

        assertThat(decisions.outcomes()).extracting(o -> o.getClass().getSimpleName() + " " + o.registrationId())
                .as("cancelled first, the waitlist's head promoted, then each registration erased")
                .containsExactly("RegistrationCancelled r1", "RegistrationPromoted r3", "RegistrationErased r1",
                        "RegistrationErased r4");
        assertThat(decisions.outcomes()).filteredOn(RegistrationErased.class::isInstance)
                .extracting(o -> ((RegistrationErased) o).erasureId()).containsOnly("erasure-1");
        assertThat(seatsOf(decisions, "day-1")).isEqualTo(new SessionSeats("day-1", 2, 2, 0));
        assertThat(ledger.registration(EVENT, "r1").orElseThrow().emailHash()).as("the digest forgotten").isNull();
        assertThat(ledger.registration(EVENT, "r1").orElseThrow().status()).isEqualTo(RegistrationStatus.CANCELLED);
        assertThat(ledger.registration(EVENT, "r2").orElseThrow().emailHash()).as("another person's kept").isNotNull();
        assertThat(ledger.registration(EVENT, "r3").orElseThrow().status()).isEqualTo(RegistrationStatus.CONFIRMED);

        Decisions again = apply(erase);
        assertThat(again.outcomes()).as("a repeat frees nothing more and says the same")
                .extracting(o -> o.getClass().getSimpleName() + " " + o.registrationId())
                .containsExactly("RegistrationErased r1", "RegistrationErased r4");
        assertThat(again.outcomes().get(0).messageId()).isEqualTo(decisions.outcomes().get(2).messageId());
        assertThat(again.seatsChanged()).isFalse();
        assertThat(apply(register("r1", "erased@example.org", "day-1")).outcomes())
                .as("a replayed registration is not decided again").isEmpty();
    }

    @Test
    void confirmsWhileSeatsRemainThenWaitlistsInArrivalOrder() {
        apply(configure(event(true, DAY_1)));

        RegistrationDecided first = decide(register("r1", "a@example.org", "day-1"));
        RegistrationDecided second = decide(register("r2", "b@example.org", "day-1"));
        RegistrationDecided third = decide(register("r3", "c@example.org", "day-1"));
        RegistrationDecided fourth = decide(register("r4", "d@example.org", "day-1"));

        assertThat(first.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(second.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(third.status()).isEqualTo(RegistrationStatus.WAITLISTED);
        assertThat(third.sessions().get(0).waitlistPosition()).isEqualTo(1);
        assertThat(fourth.sessions().get(0).waitlistPosition()).isEqualTo(2);
        assertThat(ledger.tally(EVENT, "day-1").confirmed()).isEqualTo(DAY_1.capacity());
    }

    @Test
    void neverConfirmsMoreThanTheCapacity() {
        apply(configure(event(true, DAY_1)));
        Decisions last = null;
        for (int i = 0; i < 10; i++) {
            last = apply(register("r" + i, i + "@example.org", "day-1"));
        }
        assertThat(seatsOf(last, "day-1")).isEqualTo(new SessionSeats("day-1", 2, 2, 8));
    }

    @Test
    void rejectsAsFullWhenTheEventKeepsNoWaitlist() {
        apply(configure(event(false, DAY_1)));
        decide(register("r1", "a@example.org", "day-1"));
        decide(register("r2", "b@example.org", "day-1"));

        Decisions decisions = apply(register("r3", "c@example.org", "day-1"));
        RegistrationDecided third = (RegistrationDecided) decisions.outcomes().get(0);

        assertThat(third.status()).isEqualTo(RegistrationStatus.REJECTED);
        assertThat(third.reason()).isEqualTo(RejectionReason.FULL);
        assertThat(third.sessions()).extracting(SessionOutcome::status).containsExactly(SessionStatus.REJECTED);
        assertThat(decisions.seatsChanged()).as("nothing changed").isFalse();
    }

    @Test
    void decidesEachSessionOnItsOwn() {
        apply(configure(event(false, DAY_1, DAY_2)));
        decide(register("r1", "a@example.org", "day-1"));
        decide(register("r2", "b@example.org", "day-1"));

        RegistrationDecided mixed = decide(register("r3", "c@example.org", "day-1", "day-2"));

        assertThat(mixed.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(mixed.sessions()).extracting(SessionOutcome::sessionId, SessionOutcome::status)
                .containsExactly(tuple("day-1", SessionStatus.REJECTED),
                        tuple("day-2", SessionStatus.CONFIRMED));
    }

    @Test
    void isWaitlistedOverallOnlyWhenEverySessionIsWaitlisted() {
        apply(configure(event(true, DAY_1, DAY_2)));
        decide(register("r1", "a@example.org", "day-1", "day-2"));
        decide(register("r2", "b@example.org", "day-1", "day-2"));

        RegistrationDecided third = decide(register("r3", "c@example.org", "day-1", "day-2"));

        assertThat(third.status()).isEqualTo(RegistrationStatus.WAITLISTED);
        assertThat(third.sessions()).extracting(SessionOutcome::waitlistPosition).containsExactly(1, 1);
    }

    @Test
    void rejectsASecondRegistrationOfTheSameNormalisedEmail() {
        apply(configure(event(true, DAY_1, DAY_2)));
        decide(register("r1", "Anna.Nowak@Example.org", "day-1"));

        RegistrationDecided again = decide(register("r2", "  anna.nowak@example.ORG ", "day-2"));

        assertThat(again.status()).isEqualTo(RegistrationStatus.REJECTED);
        assertThat(again.reason()).isEqualTo(RejectionReason.ALREADY_REGISTERED);
        assertThat(ledger.tally(EVENT, "day-2").confirmed()).isZero();
    }

    @Test
    void keepsOnlyAHashOfTheEmail() {
        apply(configure(event(true, DAY_1)));
        decide(register("r1", "anna.nowak@example.org", "day-1"));

        assertThat(ledger.activeEmails().keySet()).noneMatch(key -> key.contains("anna"));
        assertThat(ledger.registration(EVENT, "r1").orElseThrow().emailHash())
                .isEqualTo(TestDigests.EMAILS.of(EVENT, "anna.nowak@example.org")).hasSize(64);
    }

    @Test
    void rejectsRequestsBeforeTheWindowOpensAndFromTheMomentItCloses() {
        apply(configure(event(true, DAY_1)));

        RegistrationDecided early = decide(registerAt(OPENS.minusSeconds(1), "r1", "a@example.org", "day-1"));
        RegistrationDecided late = decide(registerAt(CLOSES, "r2", "b@example.org", "day-1"));
        RegistrationDecided justInTime = decide(registerAt(OPENS, "r3", "c@example.org", "day-1"));

        assertThat(early.reason()).isEqualTo(RejectionReason.REGISTRATION_CLOSED);
        assertThat(late.reason()).isEqualTo(RejectionReason.REGISTRATION_CLOSED);
        assertThat(justInTime.status()).isEqualTo(RegistrationStatus.CONFIRMED);
    }

    @Test
    void rejectsOverlappingSessionsAskedTogether() {
        apply(configure(event(true, DAY_1, WALK)));

        RegistrationDecided decided = decide(register("r1", "a@example.org", "day-1", "walk"));

        assertThat(decided.status()).isEqualTo(RegistrationStatus.REJECTED);
        assertThat(decided.reason()).isEqualTo(RejectionReason.OVERLAPPING_SESSIONS);
        assertThat(ledger.tally(EVENT, "day-1").confirmed()).isZero();
        assertThat(ledger.activeRegistrationOf(EVENT, TestDigests.EMAILS.of(EVENT, "a@example.org"))).as("email stays free")
                .isEmpty();
    }

    @Test
    void rejectsUnknownSessionsAndUnknownEvents() {
        RegistrationDecided noEvent = decide(register("r1", "a@example.org", "day-1"));
        apply(configure(event(true, DAY_1)));
        RegistrationDecided noSession = decide(register("r2", "a@example.org", "day-1", "day-9"));

        assertThat(noEvent.reason()).isEqualTo(RejectionReason.UNKNOWN_SESSION);
        assertThat(noEvent.event()).isNull();
        assertThat(noSession.reason()).isEqualTo(RejectionReason.UNKNOWN_SESSION);
        assertThat(ledger.tally(EVENT, "day-1").confirmed()).isZero();
    }

    @Test
    void decidesARepeatedRegistrationIdOnlyOnce() {
        apply(configure(event(true, DAY_1)));
        RegisterAttendee command = register("r1", "a@example.org", "day-1");
        decide(command);

        Decisions redelivered = apply(command);
        Decisions sameIdOtherCommand = apply(register("r1", "z@example.org", "day-1"));

        assertThat(redelivered.isEmpty()).isTrue();
        assertThat(sameIdOtherCommand.isEmpty()).isTrue();
        assertThat(ledger.tally(EVENT, "day-1").confirmed()).isEqualTo(1);
    }

    @Test
    void doesNotDecideAgainARegistrationThatWasRejected() {
        apply(configure(event(false, DAY_1)));
        decide(register("r1", "a@example.org", "day-1"));
        decide(register("r2", "b@example.org", "day-1"));
        RegisterAttendee full = register("r3", "c@example.org", "day-1");
        assertThat(decide(full).reason()).isEqualTo(RejectionReason.FULL);
        apply(cancel("r1"));

        assertThat(apply(full).isEmpty()).as("a seat is free now, but r3 was already decided").isTrue();
    }

    @Test
    void carriesWhatAnEmailNeedsInTheDecision() {
        EventDefinition definition = event(true, DAY_1);
        apply(configure(definition));
        RegisterAttendee command = register("r1", "a@example.org", "day-1");

        RegistrationDecided decided = decide(command);

        assertThat(decided.commandId()).isEqualTo(command.messageId());
        assertThat(decided.requestedAt()).isEqualTo(command.createdAt());
        assertThat(decided.createdAt()).isEqualTo(NOW);
        assertThat(decided.event()).isEqualTo(EventSummary.of(definition));
        assertThat(decided.recipient()).isEqualTo(new Recipient("Anna", "Nowak", "a@example.org", "pl"));
        assertThat(decided.sessions()).containsExactly(new SessionOutcome("day-1", DAY_1.title(),
                DAY_1.startsAt(), DAY_1.endsAt(), SessionStatus.CONFIRMED, null));
    }

    @Test
    void cancellationFreesTheSeatAndPromotesTheHeadOfTheWaitlist() {
        apply(configure(event(true, DAY_1)));
        decide(register("r1", "a@example.org", "day-1"));
        decide(register("r2", "b@example.org", "day-1"));
        decide(register("r3", "c@example.org", "day-1"));
        decide(register("r4", "d@example.org", "day-1"));

        Decisions decisions = apply(cancel("r1"));

        assertThat(decisions.outcomes()).hasSize(2);
        RegistrationCancelled cancelled = (RegistrationCancelled) decisions.outcomes().get(0);
        RegistrationPromoted promoted = (RegistrationPromoted) decisions.outcomes().get(1);
        assertThat(cancelled.registrationId()).isEqualTo("r1");
        assertThat(cancelled.sessions()).extracting(SessionOutcome::status).containsExactly(SessionStatus.CANCELLED);
        assertThat(promoted.registrationId()).isEqualTo("r3");
        assertThat(promoted.sessionId()).isEqualTo("day-1");
        assertThat(promoted.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(seatsOf(decisions, "day-1")).isEqualTo(new SessionSeats("day-1", 2, 2, 1));
    }

    @Test
    void cancellationFreesTheEmailForANewRegistration() {
        apply(configure(event(true, DAY_1)));
        decide(register("r1", "a@example.org", "day-1"));
        apply(cancel("r1"));

        assertThat(decide(register("r2", "A@example.org", "day-1")).status()).isEqualTo(RegistrationStatus.CONFIRMED);
    }

    @Test
    void cancellingUnknownOrCancelledRegistrationsChangesNothing() {
        apply(configure(event(true, DAY_1)));
        decide(register("r1", "a@example.org", "day-1"));
        apply(cancel("r1"));

        assertThat(apply(cancel("r1")).isEmpty()).isTrue();
        assertThat(apply(cancel("nobody")).isEmpty()).isTrue();
        assertThat(ledger.tally(EVENT, "day-1").confirmed()).isZero();
    }

    @Test
    void cancellingAWaitlistedRegistrationSkipsItsPlaceWhenPromoting() {
        apply(configure(event(true, DAY_1)));
        decide(register("r1", "a@example.org", "day-1"));
        decide(register("r2", "b@example.org", "day-1"));
        decide(register("r3", "c@example.org", "day-1"));
        decide(register("r4", "d@example.org", "day-1"));

        Decisions leftWaitlist = apply(cancel("r3"));
        assertThat(seatsOf(leftWaitlist, "day-1")).isEqualTo(new SessionSeats("day-1", 2, 2, 1));
        Decisions freed = apply(cancel("r1"));

        assertThat(freed.outcomes()).filteredOn(RegistrationPromoted.class::isInstance)
                .extracting(o -> o.registrationId()).containsExactly("r4");
        assertThat(decide(register("r5", "e@example.org", "day-1")).sessions().get(0).waitlistPosition())
                .isEqualTo(1);
    }

    @Test
    void raisingTheCapacityPromotesWaitlistedPeopleAsFarAsSeatsAllow() {
        apply(configure(event(true, DAY_1)));
        for (int i = 1; i <= 5; i++) {
            decide(register("r" + i, i + "@example.org", "day-1"));
        }

        Decisions raised = apply(configure(event(true, session("day-1", "2024-10-07T07:00:00Z",
                "2024-10-07T16:00:00Z", 4))));

        assertThat(raised.outcomes()).extracting(o -> o.registrationId()).containsExactly("r3", "r4");
        assertThat(seatsOf(raised, "day-1")).isEqualTo(new SessionSeats("day-1", 4, 4, 1));
    }

    @Test
    void loweringTheCapacityNeverUnconfirmsAnyone() {
        apply(configure(event(true, DAY_1)));
        decide(register("r1", "a@example.org", "day-1"));
        decide(register("r2", "b@example.org", "day-1"));

        Decisions lowered = apply(configure(event(true, session("day-1", "2024-10-07T07:00:00Z",
                "2024-10-07T16:00:00Z", 1))));
        assertThat(lowered.outcomes()).isEmpty();
        assertThat(seatsOf(lowered, "day-1")).isEqualTo(new SessionSeats("day-1", 1, 2, 0));
        apply(cancel("r1"));
        RegistrationDecided next = decide(register("r3", "c@example.org", "day-1"));

        assertThat(next.status()).as("r2 still holds the only seat").isEqualTo(RegistrationStatus.WAITLISTED);
    }

    @Test
    void reapplyingTheSameDefinitionChangesNothing() {
        EventDefinition definition = event(true, DAY_1);
        apply(configure(definition));
        decide(register("r1", "a@example.org", "day-1"));

        assertThat(apply(configure(event(true, DAY_1))).isEmpty()).isTrue();
        assertThat(ledger.tally(EVENT, "day-1").confirmed()).isEqualTo(1);
    }

    @Test
    void promotionReportsTheRegistrationsOtherSessions() {
        apply(configure(event(true, DAY_1, DAY_2)));
        decide(register("r1", "a@example.org", "day-1", "day-2"));
        decide(register("r2", "b@example.org", "day-1", "day-2"));
        decide(register("r3", "c@example.org", "day-1", "day-2"));

        Decisions decisions = apply(configure(event(true, session("day-1", "2024-10-07T07:00:00Z",
                "2024-10-07T16:00:00Z", 3), DAY_2)));

        RegistrationPromoted promoted = (RegistrationPromoted) decisions.outcomes().get(0);
        assertThat(promoted.sessions()).extracting(SessionOutcome::status, SessionOutcome::waitlistPosition)
                .containsExactly(tuple(SessionStatus.CONFIRMED, null),
                        tuple(SessionStatus.WAITLISTED, 1));
    }

    @Test
    void workPerCommandDoesNotGrowWithTheRegistrationsOfTheEvent() {
        apply(configure(event(true, session("hall", "2024-10-07T07:00:00Z", "2024-10-07T16:00:00Z", 20_000))));
        CountingLedger counting = new CountingLedger(ledger);
        SeatAllocator counted = new SeatAllocator(counting, TestDigests.EMAILS);
        for (int i = 0; i < 20_000; i++) {
            counted.apply(register("r" + i, i + "@example.org", "hall"), NOW);
        }
        counting.reset();

        counted.apply(register("late", "late@example.org", "hall"), NOW);

        assertThat(counting.calls()).isLessThan(15);
        assertThat(ledger.tally(EVENT, "hall").waitlisted()).isEqualTo(1);
    }

    @Test
    void aWaitlistPlaceKeptBesideASessionRefusedAsFullLeavesTheRegistrationWaitlistedHoldingItsPlace() {
        SessionDefinition day1 = EventFixtures.session("day-1", "2024-10-07T07:00:00Z", "2024-10-07T16:00:00Z", 1);
        SessionDefinition day2 = EventFixtures.session("day-2", "2024-10-08T07:00:00Z", "2024-10-08T16:00:00Z", 1);
        apply(configure(event(true, day1, day2)));
        decide(register("r2", "b@example.org", "day-2"));
        decide(register("r3", "c@example.org", "day-1"));
        decide(register("r1", "a@example.org", "day-2"));
        // the organiser turns the waitlist off: r1 keeps its place on day-2, day-1 is full
        apply(configure(event(false, day1, day2)));

        SessionsChanged changed = changeOf(apply(change("r1", "day-1", "day-2")));

        assertThat(changed.status()).as("something was given: its place").isEqualTo(RegistrationStatus.WAITLISTED);
        assertThat(changed.sessions()).extracting(SessionOutcome::sessionId, SessionOutcome::status)
                .containsExactly(tuple("day-1", SessionStatus.REJECTED), tuple("day-2", SessionStatus.WAITLISTED));
        assertThat(ledger.registration(EVENT, "r1").orElseThrow().active()).isTrue();
        assertThat(ledger.tally(EVENT, "day-2").waitlisted()).isEqualTo(1);
    }

    private SessionsChanged changeOf(Decisions decisions) {
        assertThat(decisions.outcomes().get(0)).isInstanceOf(SessionsChanged.class);
        return (SessionsChanged) decisions.outcomes().get(0);
    }

    @Test
    void aChangeKeepsSeatsStillAskedForReleasesTheOthersAndPromotesTheirWaitlistAtOnce() {
        apply(configure(event(true, DAY_1, DAY_2, WALK)));
        decide(register("r1", "a@example.org", "day-2", "walk"));
        decide(register("r2", "b@example.org", "walk"));

        Decisions decisions = apply(change("r1", "day-2", "day-1"));

        SessionsChanged changed = changeOf(decisions);
        assertThat(changed.applied()).isTrue();
        assertThat(changed.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(changed.sessions()).extracting(SessionOutcome::sessionId, SessionOutcome::status)
                .containsExactly(tuple("day-2", SessionStatus.CONFIRMED), tuple("day-1", SessionStatus.CONFIRMED));
        assertThat(changed.released()).extracting(SessionOutcome::sessionId, SessionOutcome::status)
                .containsExactly(tuple("walk", SessionStatus.CANCELLED));
        assertThat(changed.event().id()).isEqualTo(EVENT);
        assertThat(decisions.outcomes()).hasSize(2);
        RegistrationPromoted promoted = (RegistrationPromoted) decisions.outcomes().get(1);
        assertThat(promoted.registrationId()).isEqualTo("r2");
        assertThat(promoted.sessionId()).isEqualTo("walk");
        assertThat(seatsOf(decisions, "day-1").confirmed()).isEqualTo(1);
        assertThat(seatsOf(decisions, "day-2").confirmed()).isEqualTo(1);
        assertThat(seatsOf(decisions, "walk").confirmed()).isEqualTo(1);
        assertThat(seatsOf(decisions, "walk").waitlisted()).isZero();
    }

    @Test
    void aSessionAskedForAnewIsDecidedAsForANewRegistrationAndAKeptWaitlistPlaceStays() {
        apply(configure(event(true, DAY_1, DAY_2)));
        decide(register("r1", "a@example.org", "day-1"));
        decide(register("r2", "b@example.org", "day-1"));
        decide(register("r3", "c@example.org", "day-1", "day-2"));
        decide(register("r4", "d@example.org", "day-2"));

        SessionsChanged changed = changeOf(apply(change("r3", "day-1", "day-2")));
        assertThat(changed.sessions()).extracting(SessionOutcome::status, SessionOutcome::waitlistPosition)
                .as("nothing to change: the waitlist place for day-1 and the day-2 seat are kept")
                .containsExactly(tuple(SessionStatus.WAITLISTED, 1), tuple(SessionStatus.CONFIRMED, null));

        decide(register("r5", "e@example.org", "day-2"));
        SessionsChanged moved = changeOf(apply(change("r1", "day-2")));

        assertThat(moved.sessions()).extracting(SessionOutcome::sessionId, SessionOutcome::status,
                        SessionOutcome::waitlistPosition)
                .containsExactly(tuple("day-2", SessionStatus.WAITLISTED, 2));
        assertThat(moved.status()).isEqualTo(RegistrationStatus.WAITLISTED);
        assertThat(ledger.tally(EVENT, "day-1").confirmed()).as("r3 promoted into r1's seat").isEqualTo(2);
        assertThat(ledger.tally(EVENT, "day-2").waitlisted()).isEqualTo(2);
    }

    @Test
    void aChangeIsAnsweredOnceWhateverTheRepeats() {
        apply(configure(event(true, DAY_1, DAY_2)));
        decide(register("r1", "a@example.org", "day-1"));
        ChangeSessions change = change("r1", "day-2");

        assertThat(apply(change).outcomes()).hasSize(1);
        apply(change("r1", "day-1"));

        assertThat(apply(change).outcomes()).as("the same command again").isEmpty();
        assertThat(ledger.registration(EVENT, "r1").orElseThrow().sessions())
                .extracting(RegistrationRecord.Seat::sessionId).containsExactly("day-1");
    }

    @Test
    void aChangeThatCannotBeMadeIsRefusedWithAReasonAndChangesNothing() {
        apply(configure(event(false, DAY_1, DAY_2, WALK)));
        decide(register("r1", "a@example.org", "day-1"));
        decide(register("r2", "b@example.org", "day-2"));
        decide(register("r3", "c@example.org", "day-2"));
        decide(register("gone", "g@example.org", "walk"));
        apply(cancel("gone"));

        assertThat(changeOf(apply(change("nobody", "day-1"))).reason())
                .isEqualTo(RejectionReason.UNKNOWN_REGISTRATION);
        assertThat(changeOf(apply(change("gone", "walk"))).reason())
                .isEqualTo(RejectionReason.REGISTRATION_NOT_ACTIVE);
        assertThat(changeOf(apply(change("r1", "ghost"))).reason()).isEqualTo(RejectionReason.UNKNOWN_SESSION);
        assertThat(changeOf(apply(change("r1"))).reason()).isEqualTo(RejectionReason.UNKNOWN_SESSION);
        assertThat(changeOf(apply(change("r1", "day-1", "walk"))).reason())
                .isEqualTo(RejectionReason.OVERLAPPING_SESSIONS);
        assertThat(changeOf(apply(changeAt(CLOSES, "r1", "walk"))).reason())
                .isEqualTo(RejectionReason.REGISTRATION_CLOSED);
        SessionsChanged full = changeOf(apply(change("r1", "day-2")));
        assertThat(full.reason()).as("no seat and no waitlist: r1 would be left with nothing")
                .isEqualTo(RejectionReason.FULL);
        assertThat(full.sessions()).extracting(SessionOutcome::sessionId, SessionOutcome::status)
                .as("the registration as it was").containsExactly(tuple("day-1", SessionStatus.CONFIRMED));
        assertThat(full.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(full.released()).isEmpty();
        assertThat(ledger.tally(EVENT, "day-1").confirmed()).isEqualTo(1);
        assertThat(ledger.tally(EVENT, "day-2").confirmed()).isEqualTo(2);
        assertThat(ledger.tally(EVENT, "walk").confirmed()).isZero();
    }

    @Test
    void withoutAWaitlistASessionAskedForAnewMayBeRefusedWhileTheOthersAreKept() {
        apply(configure(event(false, DAY_1, DAY_2)));
        decide(register("r1", "a@example.org", "day-1"));
        decide(register("r2", "b@example.org", "day-2"));
        decide(register("r3", "c@example.org", "day-2"));

        SessionsChanged changed = changeOf(apply(change("r1", "day-1", "day-2")));

        assertThat(changed.applied()).isTrue();
        assertThat(changed.sessions()).extracting(SessionOutcome::sessionId, SessionOutcome::status)
                .containsExactly(tuple("day-1", SessionStatus.CONFIRMED), tuple("day-2", SessionStatus.REJECTED));
        assertThat(ledger.tally(EVENT, "day-2").confirmed()).isEqualTo(2);
    }
}
