package org.rushreg.loadtest.openloop;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.rushreg.loadtest.stats.Latencies;

/**
 * One step's figures.
 *
 * @param statuses        answers by HTTP status (0 = none)
 * @param http            request latency from each request's due time
 * @param decision        due time → decided, for the accepted requests that were decided
 * @param undecided       accepted requests with no decision
 * @param achievedRate    accepted answers per second, over the step's length or until its last answer if later
 * @param maxLateMillis   the most the tool sent a request after its due time
 */
public record StepResult(double offeredRate, int requests, int accepted, Map<Integer, Integer> statuses, Latencies http,
                         Latencies decision, int undecided, double achievedRate, double maxLateMillis) {

    public int errors() {
        return requests - accepted;
    }

    /**
     * @param decisionNanos for each accepted arrival of the step, due time → decided in nanoseconds, or null if it
     *                      was not decided
     */
    public static StepResult of(Step step, List<Arrival> arrivals, List<Long> decisionNanos) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        arrivals.forEach(a -> statuses.merge(a.answer().status(), 1, Integer::sum));
        int accepted = (int) arrivals.stream().filter(a -> a.answer().accepted()).count();
        long lastAnswer = arrivals.stream().mapToLong(Arrival::answerNanos).max().orElse(step.endNanos());
        double nanos = Math.max(step.endNanos(), lastAnswer) - step.startNanos();
        List<Long> decided = decisionNanos.stream().filter(d -> d != null).toList();
        return new StepResult(step.rate(), step.requests(), accepted, statuses,
                Latencies.ofNanos(arrivals.stream().map(Arrival::latencyNanos).toList()), Latencies.ofNanos(decided),
                accepted - decided.size(), accepted / (nanos / 1e9),
                arrivals.stream().mapToLong(Arrival::lateNanos).max().orElse(0) / 1e6);
    }
}
