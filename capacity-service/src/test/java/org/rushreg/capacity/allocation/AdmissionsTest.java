package org.rushreg.capacity.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rushreg.capacity.allocation.EventFixtures.DAY_1;
import static org.rushreg.capacity.allocation.EventFixtures.DAY_2;
import static org.rushreg.capacity.allocation.EventFixtures.EVENT;
import static org.rushreg.capacity.allocation.EventFixtures.WALK;
import static org.rushreg.capacity.allocation.EventFixtures.cancel;
import static org.rushreg.capacity.allocation.EventFixtures.configure;
import static org.rushreg.capacity.allocation.EventFixtures.event;
import static org.rushreg.capacity.allocation.EventFixtures.register;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.RegistrationCommand;
import org.rushreg.messages.ScanResult;
import org.rushreg.messages.ScanTicket;
import org.rushreg.messages.Schema;
import org.rushreg.messages.TicketScanned;

/** The door's rules (decision 0024), one scan at a time, on the allocator that also holds the seats. */
class AdmissionsTest {

    private static final Instant DOORS_OPEN = Instant.parse("2024-10-07T06:30:00Z");

    private final InMemoryLedger ledger = new InMemoryLedger();
    private final SeatAllocator allocator = new SeatAllocator(ledger, TestDigests.EMAILS);

    @BeforeEach
    void anEventWithTwoSeatsTakenAndOneWaiting() {
        // day-1 has two seats and a waitlist; r1 and r2 hold them, r3 waits
        apply(configure(event(true, DAY_1, DAY_2, WALK)), DOORS_OPEN.minusSeconds(86_400));
        apply(register("r1", "a@example.org", "day-1", "day-2"), DOORS_OPEN.minusSeconds(86_400));
        apply(register("r2", "b@example.org", "day-1"), DOORS_OPEN.minusSeconds(86_400));
        apply(register("r3", "c@example.org", "day-1"), DOORS_OPEN.minusSeconds(86_400));
    }

    private Decisions apply(RegistrationCommand command, Instant now) {
        return allocator.apply(command, now);
    }

    private static ScanTicket scan(String scanId, String registrationId, String sessionId, Instant scannedAt) {
        return new ScanTicket(Schema.newMessageId(), scannedAt, Schema.VERSION, EVENT, scanId, registrationId,
                sessionId, scannedAt);
    }

    private TicketScanned decide(ScanTicket scan, Instant now) {
        Decisions decisions = apply(scan, now);
        assertThat(decisions.outcomes()).as("a scan decides no seat").isEmpty();
        assertThat(decisions.seatsChanged()).isFalse();
        assertThat(decisions.scans()).hasSize(1);
        return decisions.scans().get(0);
    }

    @Test
    void aConfirmedTicketIsAdmittedOnceAndThenAlreadyAdmittedWithTheFirstTime() {
        Instant first = DOORS_OPEN.plusSeconds(42 * 60);
        TicketScanned admitted = decide(scan("phone-1:1", "r1", null, first), first);
        TicketScanned again = decide(scan("phone-2:7", "r1", null, first.plusSeconds(600)), first.plusSeconds(601));

        assertThat(admitted.result()).isEqualTo(ScanResult.ADMITTED);
        assertThat(admitted.at()).isEqualTo(first);
        assertThat(admitted.registrationId()).isEqualTo("r1");
        assertThat(again.result()).isEqualTo(ScanResult.ALREADY_ADMITTED);
        assertThat(again.at()).as("the first admission's time").isEqualTo(first);
        assertThat(again.conflict()).isFalse();
    }

    @Test
    void aScanSentAgainChangesNothingAndPublishesNothing() {
        ScanTicket scan = scan("phone-1:1", "r1", null, DOORS_OPEN);
        TicketScanned first = decide(scan, DOORS_OPEN);

        Decisions replayed = apply(scan("phone-1:1", "r1", null, DOORS_OPEN.plusSeconds(5)), DOORS_OPEN.plusSeconds(9));

        assertThat(replayed.isEmpty()).isTrue();
        assertThat(ledger.attendance(EVENT, "r1").orElseThrow().admissions()).hasSize(1);
        assertThat(first.messageId()).as("named by the scan, so a reader knows a repeat")
                .isEqualTo(Digests.nameUuid(EVENT + "|r1|phone-1:1|scanned").toString());
    }

    @Test
    void theEntranceAndEachSessionsDoorAdmitOnceEach() {
        assertThat(decide(scan("s1", "r1", null, DOORS_OPEN), DOORS_OPEN).result()).isEqualTo(ScanResult.ADMITTED);
        assertThat(decide(scan("s2", "r1", "day-1", DOORS_OPEN.plusSeconds(60)), DOORS_OPEN.plusSeconds(60)).result())
                .isEqualTo(ScanResult.ADMITTED);
        assertThat(decide(scan("s3", "r1", "day-2", DOORS_OPEN.plusSeconds(120)), DOORS_OPEN.plusSeconds(120))
                .result()).isEqualTo(ScanResult.ADMITTED);
        assertThat(decide(scan("s4", "r1", "day-1", DOORS_OPEN.plusSeconds(180)), DOORS_OPEN.plusSeconds(180))
                .result()).isEqualTo(ScanResult.ALREADY_ADMITTED);
    }

    @Test
    void aTicketWithoutASeatInTheSessionOrWithOnlyAWaitlistPlaceIsNotAdmitted() {
        assertThat(decide(scan("s1", "r2", "day-2", DOORS_OPEN), DOORS_OPEN).result())
                .as("r2 has no seat on day 2").isEqualTo(ScanResult.NOT_CONFIRMED_FOR_SESSION);
        assertThat(decide(scan("s2", "r3", null, DOORS_OPEN), DOORS_OPEN).result())
                .as("r3 only waits").isEqualTo(ScanResult.NOT_CONFIRMED_FOR_SESSION);
        assertThat(decide(scan("s3", "r3", "day-1", DOORS_OPEN), DOORS_OPEN).result())
                .isEqualTo(ScanResult.NOT_CONFIRMED_FOR_SESSION);
    }

    @Test
    void aRegistrationTheEventDoesNotKnowIsUnknownAndDecidedAlikeEachTime() {
        TicketScanned once = decide(scan("s1", "r-never", null, DOORS_OPEN), DOORS_OPEN);
        TicketScanned twice = decide(scan("s1", "r-never", null, DOORS_OPEN), DOORS_OPEN.plusSeconds(3));

        assertThat(once.result()).isEqualTo(ScanResult.UNKNOWN);
        assertThat(twice.messageId()).isEqualTo(once.messageId());
        assertThat(twice.result()).isEqualTo(once.result());
    }

    @Test
    void anOfflineScanOfATicketCancelledMeanwhileIsCancelledAndAConflict() {
        Instant scannedOffline = DOORS_OPEN.plusSeconds(60);
        Instant cancelled = DOORS_OPEN.plusSeconds(300);
        apply(cancel("r1"), cancelled);

        TicketScanned late = decide(scan("s1", "r1", null, scannedOffline), cancelled.plusSeconds(900));

        assertThat(late.result()).isEqualTo(ScanResult.CANCELLED);
        assertThat(late.at()).as("when it was cancelled").isEqualTo(cancelled);
        assertThat(late.conflict()).isTrue();
        assertThat(ledger.attendance(EVENT, "r1").orElseThrow().admissions()).as("not forced through").isEmpty();
    }

    @Test
    void aScanAfterTheCancellationIsCancelledWithoutConflict() {
        Instant cancelled = DOORS_OPEN.plusSeconds(300);
        apply(cancel("r2"), cancelled);

        TicketScanned scanned = decide(scan("s1", "r2", null, cancelled.plusSeconds(1)), cancelled.plusSeconds(2));

        assertThat(scanned.result()).isEqualTo(ScanResult.CANCELLED);
        assertThat(scanned.conflict()).isFalse();
    }

    @Test
    void aCancellationAfterTheAdmissionMakesTheNextScanCancelled() {
        decide(scan("s1", "r1", null, DOORS_OPEN), DOORS_OPEN);
        apply(cancel("r1"), DOORS_OPEN.plusSeconds(60));

        TicketScanned next = decide(scan("s2", "r1", null, DOORS_OPEN.plusSeconds(120)), DOORS_OPEN.plusSeconds(120));

        assertThat(next.result()).isEqualTo(ScanResult.CANCELLED);
        assertThat(next.conflict()).isFalse();
    }

    @Test
    void aPromotedRegistrationIsAdmittedToItsNewSeat() {
        apply(cancel("r2"), DOORS_OPEN); // r3 moves up to r2's seat

        assertThat(decide(scan("s1", "r3", "day-1", DOORS_OPEN.plusSeconds(1)), DOORS_OPEN.plusSeconds(1)).result())
                .isEqualTo(ScanResult.ADMITTED);
    }

    @Test
    void aDeviceThatSendsThousandsOfScansDoesNotGrowTheRecordWithoutEnd() {
        for (int i = 0; i < Attendance.REMEMBERED_SCANS + 50; i++) {
            decide(scan("s" + i, "r1", null, DOORS_OPEN.plusSeconds(i)), DOORS_OPEN.plusSeconds(i));
        }

        Attendance attendance = ledger.attendance(EVENT, "r1").orElseThrow();
        assertThat(attendance.scanIds()).hasSize(Attendance.REMEMBERED_SCANS)
                .endsWith("s" + (Attendance.REMEMBERED_SCANS + 49));
        assertThat(attendance.admittedAt(null)).contains(DOORS_OPEN);
    }
}
