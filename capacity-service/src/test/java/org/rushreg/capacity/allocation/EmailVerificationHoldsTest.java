package org.rushreg.capacity.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rushreg.capacity.allocation.EventFixtures.DAY_1;
import static org.rushreg.capacity.allocation.EventFixtures.DAY_2;
import static org.rushreg.capacity.allocation.EventFixtures.EVENT;
import static org.rushreg.capacity.allocation.EventFixtures.cancel;
import static org.rushreg.capacity.allocation.EventFixtures.configure;
import static org.rushreg.capacity.allocation.EventFixtures.event;
import static org.rushreg.capacity.allocation.EventFixtures.register;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.RegistrationCommand;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationHeld;
import org.rushreg.messages.RegistrationHoldExpired;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionSeats;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.VerifyEmail;

/** Email verification holds (decision 0030), one rule at a time; the properties are in {@link HoldsPropertyTest}. */
class EmailVerificationHoldsTest {

    private static final Instant NOW = Instant.parse("2024-09-10T09:00:01Z");
    private static final Duration HOLD = Duration.ofMinutes(EventDefinition.DEFAULT_VERIFICATION_HOLD_MINUTES);

    private InMemoryLedger ledger = new InMemoryLedger();
    private SeatAllocator allocator = new SeatAllocator(ledger, TestDigests.EMAILS);

    private List<RegistrationOutcome> apply(RegistrationCommand command) {
        return allocator.apply(command, NOW).outcomes();
    }

    private static VerifyEmail verifyAt(Instant at, String registrationId) {
        return new VerifyEmail(Schema.newMessageId(), at, Schema.VERSION, EVENT, registrationId);
    }

    private SessionSeats seats(String sessionId) {
        return allocator.availability(EVENT, NOW).orElseThrow().sessions().stream()
                .filter(seats -> seats.sessionId().equals(sessionId)).findFirst().orElseThrow();
    }

    private static List<String> described(List<RegistrationOutcome> outcomes) {
        return outcomes.stream().map(o -> o.getClass().getSimpleName() + " " + o.registrationId()).toList();
    }

    @Test
    void aRegistrationForAnEventThatRequiresVerificationHoldsItsSeatsUntilItsDeadline() {
        apply(configure(event(true, DAY_1, DAY_2).withEmailVerification(true, null)));

        List<RegistrationOutcome> outcomes = apply(register("r1", "anna@example.org", "day-1", "day-2"));

        RegistrationHeld held = (RegistrationHeld) outcomes.get(0);
        assertThat(outcomes).hasSize(1);
        assertThat(held.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(held.heldUntil()).isEqualTo(NOW.plus(HOLD));
        assertThat(held.recipient().email()).as("the verification email needs the address")
                .isEqualTo("anna@example.org");
        assertThat(held.sessions()).extracting(s -> s.sessionId() + ":" + s.status())
                .containsExactly("day-1:CONFIRMED", "day-2:CONFIRMED");
        assertThat(seats("day-1").confirmed()).as("the seat is held: nobody else gets it").isEqualTo(1);
    }

    @Test
    void anEventSetsHowLongItsHoldsLast() {
        apply(configure(event(true, DAY_1).withEmailVerification(true, 5)));

        RegistrationHeld held = (RegistrationHeld) apply(register("r1", "anna@example.org", "day-1")).get(0);

        assertThat(held.heldUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    }

    @Test
    void anEventWithoutVerificationDecidesAtOnce() {
        apply(configure(event(true, DAY_1)));

        assertThat(apply(register("r1", "anna@example.org", "day-1")).get(0)).isInstanceOf(RegistrationDecided.class);
        assertThat(allocator.expireHolds(NOW.plus(HOLD.multipliedBy(10))).outcomes()).isEmpty();
    }

    @Test
    void followingTheLinkInTimeTurnsTheHoldIntoTheDecisionOnce() {
        apply(configure(event(true, DAY_1).withEmailVerification(true, null)));
        apply(register("r1", "anna@example.org", "day-1"));
        apply(register("r2", "piotr@example.org", "day-1"));
        apply(register("r3", "ewa@example.org", "day-1")); // waitlisted: DAY_1 has two seats

        RegistrationDecided decided = (RegistrationDecided) apply(verifyAt(NOW.plus(HOLD).minusSeconds(1), "r3"))
                .get(0);

        assertThat(decided.status()).isEqualTo(RegistrationStatus.WAITLISTED);
        assertThat(decided.sessions().get(0).waitlistPosition()).isEqualTo(1);
        assertThat(decided.recipient()).as("the held registration's message carried the address").isNull();
        assertThat(apply(verifyAt(NOW.plusSeconds(10), "r3"))).as("the link followed again").isEmpty();
        assertThat(described(allocator.expireHolds(NOW.plus(HOLD)).outcomes()))
                .as("only the unverified holds expire; the verified waitlist place moves up into a freed seat")
                .containsExactly("RegistrationHoldExpired r1", "RegistrationPromoted r3",
                        "RegistrationHoldExpired r2");
    }

    @Test
    void anExpiredHoldIsReleasedOnceAndItsSeatGoesToTheHeadOfTheWaitlist() {
        apply(configure(event(true, DAY_1).withEmailVerification(true, null)));
        apply(register("r1", "anna@example.org", "day-1"));
        apply(verifyAt(NOW, "r1"));
        apply(register("r2", "piotr@example.org", "day-1"));
        apply(register("r3", "ewa@example.org", "day-1"));
        apply(verifyAt(NOW, "r3"));

        assertThat(allocator.expireHolds(NOW.plus(HOLD).minusMillis(1)).outcomes()).as("before the deadline")
                .isEmpty();
        List<RegistrationOutcome> expired = allocator.expireHolds(NOW.plus(HOLD)).outcomes();

        assertThat(described(expired)).containsExactly("RegistrationHoldExpired r2", "RegistrationPromoted r3");
        RegistrationHoldExpired expiry = (RegistrationHoldExpired) expired.get(0);
        assertThat(expiry.heldUntil()).isEqualTo(NOW.plus(HOLD));
        assertThat(expiry.sessions()).extracting(s -> s.status()).containsExactly(SessionStatus.CANCELLED);
        assertThat(seats("day-1").confirmed()).isEqualTo(2);
        assertThat(seats("day-1").waitlisted()).isZero();
        assertThat(allocator.expireHolds(NOW.plus(HOLD.multipliedBy(2))).outcomes()).as("once").isEmpty();
        assertThat(apply(verifyAt(NOW, "r2"))).as("the link of an expired hold changes nothing").isEmpty();
    }

    @Test
    void theLinkFollowedAfterTheDeadlineExpiresTheHoldAsTheClockWould() {
        apply(configure(event(true, DAY_1).withEmailVerification(true, null)));
        apply(register("r1", "anna@example.org", "day-1"));

        List<RegistrationOutcome> late = apply(verifyAt(NOW.plus(HOLD), "r1"));

        assertThat(described(late)).containsExactly("RegistrationHoldExpired r1");
        assertThat(allocator.expireHolds(NOW.plus(HOLD.multipliedBy(2))).outcomes()).as("not again").isEmpty();
        assertThat(seats("day-1").confirmed()).isZero();
    }

    @Test
    void anAddressWhoseHoldExpiredMayRegisterAgainAndAHeldOneMayNot() {
        apply(configure(event(true, DAY_1).withEmailVerification(true, null)));
        apply(register("r1", "anna@example.org", "day-1"));

        assertThat(((RegistrationDecided) apply(register("r2", "Anna@Example.org", "day-1")).get(0)).reason())
                .as("a hold keeps the address").isNotNull();
        allocator.expireHolds(NOW.plus(HOLD));

        assertThat(apply(register("r3", "anna@example.org", "day-1")).get(0)).isInstanceOf(RegistrationHeld.class);
    }

    @Test
    void aCancelledHoldNeverExpires() {
        apply(configure(event(true, DAY_1).withEmailVerification(true, null)));
        apply(register("r1", "anna@example.org", "day-1"));
        apply(cancel("r1"));

        assertThat(allocator.expireHolds(NOW.plus(HOLD)).outcomes()).isEmpty();
        assertThat(ledger.holds()).isEmpty();
    }

    @Test
    void aRestartedLedgerFindsTheHoldsInTheRecordsAndExpiresThem() {
        apply(configure(event(true, DAY_1).withEmailVerification(true, null)));
        apply(register("r1", "anna@example.org", "day-1"));
        apply(register("r2", "piotr@example.org", "day-1"));
        apply(verifyAt(NOW, "r2"));

        ledger = ledger.restarted();
        allocator = new SeatAllocator(ledger, TestDigests.EMAILS);

        assertThat(described(allocator.expireHolds(NOW.plus(HOLD)).outcomes()))
                .containsExactly("RegistrationHoldExpired r1");
    }
}
