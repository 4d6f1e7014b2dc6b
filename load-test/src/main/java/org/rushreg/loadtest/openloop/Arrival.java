package org.rushreg.loadtest.openloop;

/**
 * One request of an open-loop step: when it was due, and when its answer came. The latency is counted from when it
 * was due, not from when it was sent: a request the tool sent late (because it, or the machine, fell behind) counts
 * its delay, as a person who arrived at that moment would have waited it. This is what keeps the figures free of
 * coordinated omission.
 *
 * @param step        the step's index
 * @param dueNanos    the scheduled send time
 * @param sentNanos   when it was actually sent
 * @param answerNanos when its answer (or failure) came
 */
public record Arrival(int step, int index, long dueNanos, long sentNanos, long answerNanos, Answer answer) {

    public long latencyNanos() {
        return answerNanos - dueNanos;
    }

    /** How late the tool sent it. */
    public long lateNanos() {
        return sentNanos - dueNanos;
    }
}
