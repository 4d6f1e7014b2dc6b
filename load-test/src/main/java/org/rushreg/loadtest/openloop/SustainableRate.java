package org.rushreg.loadtest.openloop;

import java.util.List;
import java.util.OptionalDouble;

import org.rushreg.loadtest.stats.Latencies;

/**
 * The rule the open-loop report names its sustainable rate by. A step is held when every request of it was
 * answered and accepted, HTTP p99 (from the due times) is under 100 ms, and every accepted registration was decided
 * with p99 (due time → decided) under 1 s. The sustainable rate is the highest step held with every lower step
 * held too: a step that passes above one that failed is luck, not a rate the system keeps.
 */
public final class SustainableRate {

    public static final double HTTP_P99_MILLIS = 100;
    public static final double DECISION_P99_MILLIS = 1000;

    private SustainableRate() {
    }

    public static boolean held(StepResult step) {
        return step.requests() > 0 && step.errors() == 0 && step.http().percentile(99) < HTTP_P99_MILLIS
                && step.undecided() == 0 && step.decision().count() > 0 && step.decision().percentile(99) < DECISION_P99_MILLIS;
    }

    /** The offered rate of the highest step held from the lowest up; empty when the lowest step was not held. */
    public static OptionalDouble of(List<StepResult> stepsByRisingRate) {
        OptionalDouble sustained = OptionalDouble.empty();
        for (StepResult step : stepsByRisingRate) {
            if (!held(step)) {
                break;
            }
            sustained = OptionalDouble.of(step.offeredRate());
        }
        return sustained;
    }

    /**
     * Whether a step, seen at the end of its arrivals, can still be held, so that the next, higher step is worth
     * running: no error, and HTTP p99 under the bound even counting each request still in flight by its time so far.
     */
    public static boolean stillPossible(List<Long> latencyNanosSoFar, int errorsSoFar) {
        if (errorsSoFar > 0) {
            return false;
        }
        Latencies soFar = Latencies.ofNanos(latencyNanosSoFar);
        return soFar.count() == 0 || soFar.percentile(99) < HTTP_P99_MILLIS;
    }
}
