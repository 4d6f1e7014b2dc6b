package org.rushreg.loadtest.openloop;

/**
 * One step of fixed-rate arrivals: {@code requests} requests, the i-th due at {@code startNanos + i / rate}.
 *
 * @param warmUp a step that is run but not reported (it meets the cold JITs)
 */
public record Step(int index, double rate, long startNanos, int requests, boolean warmUp) {

    public long due(int i) {
        return startNanos + Math.round(i * 1e9 / rate);
    }

    /** When the next step begins: one interval after this step's last arrival, as the arrivals go on. */
    public long endNanos() {
        return due(requests);
    }
}
