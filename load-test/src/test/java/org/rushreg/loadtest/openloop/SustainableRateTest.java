package org.rushreg.loadtest.openloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rushreg.loadtest.stats.Latencies;

class SustainableRateTest {

    /** A step of 100 requests, all accepted and decided, with the given HTTP and decision p99 (the rest fast). */
    private static StepResult step(double rate, double httpP99, double decisionP99) {
        return new StepResult(rate, 100, 100, Map.of(202, 100), hundred(httpP99), hundred(decisionP99), 0, rate, 0);
    }

    private static Latencies hundred(double p99) {
        double[] values = new double[100];
        Arrays.fill(values, 1);
        values[98] = p99;
        values[99] = p99;
        return Latencies.ofMillis(values);
    }

    @Test
    void theHighestStepWithHttpAndDecisionUnderTheirBoundsIsTheRate() {
        assertThat(SustainableRate.of(List.of(step(100, 20, 300), step(200, 60, 900), step(400, 150, 900))))
                .hasValue(200);
        assertThat(SustainableRate.of(List.of(step(100, 20, 300), step(200, 60, 1_000)))).hasValue(100);
    }

    @Test
    void aStepHeldAboveOneThatFailedDoesNotCount() {
        assertThat(SustainableRate.of(List.of(step(100, 20, 300), step(200, 120, 300), step(400, 20, 300))))
                .hasValue(100);
        assertThat(SustainableRate.of(List.of(step(100, 100, 300), step(200, 20, 300)))).isEmpty();
    }

    @Test
    void anErrorOrAnUndecidedRegistrationLosesTheStep() {
        StepResult refused = new StepResult(100, 100, 99, Map.of(202, 99, 503, 1), hundred(5), hundred(5), 0, 99, 0);
        StepResult undecided = new StepResult(100, 100, 100, Map.of(202, 100), hundred(5), hundred(5), 1, 100, 0);

        assertThat(SustainableRate.held(step(100, 5, 5))).isTrue();
        assertThat(SustainableRate.held(refused)).isFalse();
        assertThat(SustainableRate.held(undecided)).isFalse();
    }

    @Test
    void aStepIsNoLongerPossibleOnceMoreThanOnePercentIsPastTheHttpBoundCountingThoseStillInFlight() {
        List<Long> fast = java.util.Collections.nCopies(198, 5_000_000L);
        List<Long> twoSlow = new java.util.ArrayList<>(fast);
        twoSlow.addAll(List.of(150_000_000L, 150_000_000L));
        List<Long> threeSlow = new java.util.ArrayList<>(twoSlow);
        threeSlow.set(0, 150_000_000L);

        assertThat(SustainableRate.stillPossible(twoSlow, 0)).isTrue();
        assertThat(SustainableRate.stillPossible(threeSlow, 0)).isFalse();
        assertThat(SustainableRate.stillPossible(fast, 1)).isFalse();
    }
}
