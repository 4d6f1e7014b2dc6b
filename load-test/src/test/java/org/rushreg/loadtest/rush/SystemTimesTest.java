package org.rushreg.loadtest.rush;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rushreg.loadtest.readmodel.RegistrationTimes;

class SystemTimesTest {

    private static final Instant T0 = Instant.parse("2026-12-04T23:00:00Z");

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    private static final Map<String, RegistrationTimes> ROWS = Map.of(
            "a", new RegistrationTimes("a", "CONFIRMED", at(100), at(400), at(650)),
            "b", new RegistrationTimes("b", "WAITLISTED", at(200), at(2_200), at(2_300)),
            "b2", new RegistrationTimes("b2", "REJECTED", at(300), at(2_300)),
            "c", new RegistrationTimes("c", "PENDING", at(500), null),
            "other-run", new RegistrationTimes("other-run", "CONFIRMED", at(0), at(9_000)));

    @Test
    void everyDecidedRegistrationOfTheRunCountsWithItsOwnTimestampsAndTheLastDecisionIsTheSystems() {
        SystemTimes t = SystemTimes.of(ROWS, List.of("a", "b", "b2", "c"), Map.of(), List.of());

        assertThat(t.decided()).isEqualTo(3);
        assertThat(t.decisionLatency().sortedMillis()).containsExactly(300, 2_000, 2_000);
        // not the other run's 9 s
        assertThat(t.lastDecision()).isEqualTo(at(2_300));
        assertThat(t.lastDecisionSeconds(T0)).isEqualTo(2.3);
        assertThat(t.decisionsPerSecond(T0)).isEqualTo(3 / 2.3);
    }

    @Test
    void visibilityIsFromAcceptedToTheDecisionAppliedInTheReadModelForEveryRegistrationWhoseDecisionIsApplied() {
        SystemTimes t = SystemTimes.of(ROWS, List.of("a", "b", "b2", "c"), Map.of(), List.of());

        // b2's decision is known (decided_at) but not yet applied: not visible, so not counted
        assertThat(t.visibleLatency().sortedMillis()).containsExactly(550, 2_100);
    }

    @Test
    void emailLatencyIsPerPersonFromTheirFirstRegistrationAcceptedToTheirFirstEmail() {
        List<MailWatch.Delivery> deliveries = List.of(
                new MailWatch.Delivery("a@example.org", "<1>", at(1_100)),
                // b submitted twice: the reminder of the second submit came after the decision's email
                new MailWatch.Delivery("b@example.org", "<3>", at(4_000)),
                new MailWatch.Delivery("b@example.org", "<2>", at(3_200)));

        SystemTimes t = SystemTimes.of(ROWS, List.of("a", "b", "b2", "c"),
                Map.of("a@example.org", "a", "b@example.org", "b", "c@example.org", "c"), deliveries);

        assertThat(t.emailLatency().sortedMillis()).containsExactly(1_000, 3_000);
        assertThat(t.withoutEmail()).isEqualTo(1);
    }
}
