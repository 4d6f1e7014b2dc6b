package org.rushreg.loadtest.stats;

import java.util.Arrays;
import java.util.Collection;

/**
 * Latency percentiles of a set of measurements. A run has tens of thousands of them at most, so they are kept
 * exactly and sorted once rather than approximated in a histogram.
 *
 * @param sortedMillis every measurement in milliseconds, ascending
 */
public record Latencies(double[] sortedMillis) {

    public static Latencies ofNanos(Collection<Long> nanos) {
        return new Latencies(nanos.stream().mapToDouble(n -> n / 1_000_000.0).sorted().toArray());
    }

    public static Latencies ofMillis(double... millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new Latencies(sorted);
    }

    public int count() {
        return sortedMillis.length;
    }

    /** Nearest-rank percentile: the smallest value with at least {@code p}% of the measurements at or below it. */
    public double percentile(double p) {
        if (sortedMillis.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedMillis.length);
        return sortedMillis[Math.min(sortedMillis.length, Math.max(1, rank)) - 1];
    }

    public double max() {
        return sortedMillis.length == 0 ? Double.NaN : sortedMillis[sortedMillis.length - 1];
    }

    /** "p50 12 ms, p95 40 ms, p99 80 ms, max 130 ms (n=20000)". */
    public String summary() {
        if (sortedMillis.length == 0) {
            return "no measurements";
        }
        return String.format("p50 %s, p95 %s, p99 %s, max %s (n=%d)", ms(percentile(50)), ms(percentile(95)),
                ms(percentile(99)), ms(max()), count());
    }

    public static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "–";
        }
        return millis >= 100 ? String.format("%,.0f ms", millis) : String.format("%.1f ms", millis);
    }
}
