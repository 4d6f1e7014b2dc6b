package org.rushreg.loadtest.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesAreNearestRankOverEveryMeasurement() {
        double[] hundred = new double[100];
        for (int i = 0; i < 100; i++) {
            hundred[i] = 100 - i; // 100 .. 1, unsorted on purpose
        }
        Latencies l = Latencies.ofMillis(hundred);

        assertThat(l.percentile(50)).isEqualTo(50);
        assertThat(l.percentile(95)).isEqualTo(95);
        assertThat(l.percentile(99)).isEqualTo(99);
        assertThat(l.percentile(100)).isEqualTo(100);
        assertThat(l.max()).isEqualTo(100);
        assertThat(l.count()).isEqualTo(100);
    }

    @Test
    void oneSlowRequestInAHundredIsThePercentileNinetyNineOnlyWhenItIsTheLastRank() {
        double[] values = new double[200];
        java.util.Arrays.fill(values, 5);
        values[0] = 900;
        values[1] = 800;
        Latencies l = Latencies.ofMillis(values);

        // 2 of 200 are slow: p99 is the 198th value, still fast; the max shows the outlier
        assertThat(l.percentile(99)).isEqualTo(5);
        assertThat(l.max()).isEqualTo(900);
        assertThat(l.percentile(99.5)).isEqualTo(800);
    }

    @Test
    void nanosecondsAreShownAsMilliseconds() {
        Latencies l = Latencies.ofNanos(List.of(1_500_000L, 2_500_000L));

        assertThat(l.percentile(50)).isEqualTo(1.5);
        assertThat(l.summary()).isEqualTo("p50 1.5 ms, p95 2.5 ms, p99 2.5 ms, max 2.5 ms (n=2)");
    }

    @Test
    void noMeasurementsSaySo() {
        assertThat(Latencies.ofMillis().summary()).isEqualTo("no measurements");
        assertThat(Latencies.ofMillis().percentile(99)).isNaN();
    }
}
