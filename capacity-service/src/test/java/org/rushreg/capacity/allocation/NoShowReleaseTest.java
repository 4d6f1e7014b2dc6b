package org.rushreg.capacity.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rushreg.capacity.allocation.EventFixtures.DAY_1;
import static org.rushreg.capacity.allocation.EventFixtures.DAY_2;
import static org.rushreg.capacity.allocation.EventFixtures.EVENT;
import static org.rushreg.capacity.allocation.EventFixtures.WALK;
import static org.rushreg.capacity.allocation.EventFixtures.configure;
import static org.rushreg.capacity.allocation.EventFixtures.event;
import static org.rushreg.capacity.allocation.EventFixtures.register;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.RegistrationCommand;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.RegistrationPromoted;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.ReleaseNoShows;
import org.rushreg.messages.ScanResult;
import org.rushreg.messages.ScanTicket;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.SessionsChanged;

/** The no-show release of a session (decision 0029), command by command. */
class NoShowReleaseTest {

    private static final Instant DAY_1_STARTS = DAY_1.startsAt();
    private static final Instant DOORS_OPEN = DAY_1_STARTS.minusSeconds(1800);

    private final InMemoryLedger ledger = new InMemoryLedger();
    private final SeatAllocator allocator = new SeatAllocator(ledger, TestDigests.EMAILS);

    @BeforeEach
    void dayOneFullWithTwoWaiting() {
        // day-1 has two seats: r1 (also day-2) and r2 hold them; r3 and r4 wait, in that order
        apply(configure(event(true, DAY_1, DAY_2, WALK).withNoShowReleaseMinutes(15)), DOORS_OPEN);
        apply(register("r1", "a@example.org", "day-1", "day-2"), DOORS_OPEN);
        apply(register("r2", "b@example.org", "day-1"), DOORS_OPEN);
        apply(register("r3", "c@example.org", "day-1"), DOORS_OPEN);
        apply(register("r4", "d@example.org", "day-1"), DOORS_OPEN);
    }

    private Decisions apply(RegistrationCommand command, Instant now) {
        return allocator.apply(command, now);
    }

    private void arrive(String registrationId) {
        ScanTicket scan = new ScanTicket(Schema.newMessageId(), DOORS_OPEN, Schema.VERSION, EVENT,
                "scan-" + registrationId, registrationId, null, DOORS_OPEN.plusSeconds(60));
        apply(scan, DOORS_OPEN.plusSeconds(61));
    }

    private Decisions release(String sessionId, int minutesAfterStart) {
        Instant at = DAY_1_STARTS.plusSeconds(60L * minutesAfterStart);
        return apply(new ReleaseNoShows(Schema.newMessageId(), at, Schema.VERSION, EVENT, sessionId, "rel-1"), at);
    }

    private SessionStatus seat(String registrationId, String sessionId) {
        return ledger.registration(EVENT, registrationId).orElseThrow().sessions().stream()
                .filter(s -> s.sessionId().equals(sessionId)).findFirst().orElseThrow().status();
    }

    @Test
    void aWaitlistedPersonWhoArrivedGetsTheSeatOfAConfirmedOneWhoDidNot() {
        arrive("r2");
        arrive("r4"); // only waitlisted: not admitted at the entrance, but there

        Decisions decisions = release("day-1", 15);

        assertThat(decisions.outcomes()).hasSize(2);
        SessionsChanged released = (SessionsChanged) decisions.outcomes().get(0);
        assertThat(released.registrationId()).isEqualTo("r1");
        assertThat(released.commandId()).isNotNull();
        assertThat(released.status()).isEqualTo(RegistrationStatus.CONFIRMED); // still has day-2
        assertThat(released.released()).extracting(SessionOutcome::sessionId).containsExactly("day-1");
        assertThat(released.sessions()).extracting(SessionOutcome::status)
                .containsExactly(SessionStatus.CANCELLED, SessionStatus.CONFIRMED);
        RegistrationPromoted promoted = (RegistrationPromoted) decisions.outcomes().get(1);
        assertThat(promoted.registrationId()).isEqualTo("r4"); // r3 waits ahead but is not there
        assertThat(promoted.sessionId()).isEqualTo("day-1");
        assertThat(decisions.seatsChanged()).isTrue();
        assertThat(ledger.tally(EVENT, "day-1").confirmed()).isEqualTo(2);
        assertThat(ledger.tally(EVENT, "day-1").waitlisted()).isEqualTo(1);
        assertThat(seat("r1", "day-1")).isEqualTo(SessionStatus.CANCELLED);
        assertThat(seat("r3", "day-1")).isEqualTo(SessionStatus.WAITLISTED);

        assertThat(release("day-1", 16).isEmpty()).as("the same release again changes nothing").isTrue();
    }

    @Test
    void aNoShowWithNothingLeftIsCancelledAndTheDoorSaysSo() {
        arrive("r1");
        arrive("r3");

        Decisions decisions = release("day-1", 20);

        SessionsChanged released = (SessionsChanged) decisions.outcomes().get(0);
        assertThat(released.registrationId()).isEqualTo("r2");
        assertThat(released.status()).isEqualTo(RegistrationStatus.CANCELLED);
        assertThat(decisions.outcomes().get(1).registrationId()).isEqualTo("r3");
        ScanTicket late = new ScanTicket(Schema.newMessageId(), DAY_1_STARTS.plusSeconds(1500), Schema.VERSION, EVENT,
                "late", "r2", null, DAY_1_STARTS.plusSeconds(1500));
        assertThat(apply(late, DAY_1_STARTS.plusSeconds(1501)).scans().get(0).result())
                .isEqualTo(ScanResult.CANCELLED);
        // the seat of r2's email is free again
        assertThat(ledger.activeRegistrationOf(EVENT, TestDigests.EMAILS.of(EVENT, "b@example.org"))).isEmpty();
    }

    @Test
    void nothingHappensTooEarlyWhenSwitchedOffWhenNobodyWaitingArrivedOrEverybodyCame() {
        arrive("r3");
        assertThat(release("day-1", 14).isEmpty()).as("before the 15 minutes").isTrue();
        assertThat(release("ghost", 30).isEmpty()).as("an unknown session").isTrue();
        assertThat(release("day-2", 60 * 24 + 30).isEmpty()).as("nobody waiting for day-2").isTrue();

        apply(configure(event(true, DAY_1, DAY_2, WALK)), DOORS_OPEN.plusSeconds(120));
        assertThat(release("day-1", 30).isEmpty()).as("the event releases no no-shows").isTrue();

        apply(configure(event(true, DAY_1, DAY_2, WALK).withNoShowReleaseMinutes(15)), DOORS_OPEN.plusSeconds(180));
        arrive("r1");
        arrive("r2");
        assertThat(release("day-1", 30).isEmpty()).as("every confirmed person came").isTrue();
    }

    @Test
    void asManySeatsAreReleasedAsPeopleWhoArrivedWaitAndTheWaitlistOrderHolds() {
        arrive("r4");
        arrive("r3");

        List<RegistrationOutcome> outcomes = release("day-1", 15).outcomes();

        assertThat(outcomes).extracting(o -> o.getClass().getSimpleName() + " " + o.registrationId())
                .containsExactly("SessionsChanged r1", "RegistrationPromoted r3", "SessionsChanged r2",
                        "RegistrationPromoted r4");
        assertThat(ledger.tally(EVENT, "day-1").confirmed()).isEqualTo(2);
        assertThat(ledger.tally(EVENT, "day-1").waitlisted()).isZero();
    }
}
