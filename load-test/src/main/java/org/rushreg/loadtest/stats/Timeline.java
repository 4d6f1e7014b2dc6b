package org.rushreg.loadtest.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What happened in each second of a run: requests answered (and how many accepted), their latency, decisions
 * seen and emails received. Drawn as the chart and read by the report.
 */
public final class Timeline {

    /** One second of the run, counted from its start. */
    public record Second(int second, int answered, int accepted, double p50Millis, double p99Millis,
                         int decisions, int emails) {
    }

    private final TreeMap<Integer, List<Double>> latencies = new TreeMap<>();
    private final TreeMap<Integer, int[]> counts = new TreeMap<>();

    private int[] at(int second) {
        latencies.computeIfAbsent(second, s -> new ArrayList<>());
        return counts.computeIfAbsent(second, s -> new int[4]);
    }

    /** A request answered {@code offsetMillis} after the start of the run, with its latency. */
    public synchronized void answered(double offsetMillis, double latencyMillis, boolean accepted) {
        int second = (int) (offsetMillis / 1000);
        int[] c = at(second);
        c[0]++;
        if (accepted) {
            c[1]++;
        }
        latencies.get(second).add(latencyMillis);
    }

    public synchronized void decided(double offsetMillis) {
        at((int) (offsetMillis / 1000))[2]++;
    }

    public synchronized void emailed(double offsetMillis) {
        at((int) Math.max(0, offsetMillis / 1000))[3]++;
    }

    /** Every second from 0 to the last one with something in it, including empty seconds between. */
    public synchronized List<Second> seconds() {
        List<Second> result = new ArrayList<>();
        if (counts.isEmpty()) {
            return result;
        }
        for (int s = 0; s <= counts.lastKey(); s++) {
            int[] c = counts.getOrDefault(s, new int[4]);
            Latencies l = Latencies.ofMillis(latencies.getOrDefault(s, List.of()).stream().mapToDouble(Double::doubleValue).toArray());
            result.add(new Second(s, c[0], c[1], l.percentile(50), l.percentile(99), c[2], c[3]));
        }
        return result;
    }
}
