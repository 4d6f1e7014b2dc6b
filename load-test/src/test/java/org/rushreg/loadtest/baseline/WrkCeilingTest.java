package org.rushreg.loadtest.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WrkCeilingTest {

    private static final String OUTPUT = """
            Running 20s test @ http://localhost:8090/ceiling/events/ceiling/registrations
              2 threads and 64 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     5.61ms    4.02ms  85.12ms   88.36%
                Req/Sec     6.02k   612.33     7.41k    71.00%
              Latency Distribution
                 50%  750.00us
                 75%    6.60ms
                 90%   10.21ms
                 99%    1.02s\s
              239876 requests in 20.01s, 52.14MB read
              Socket errors: connect 0, read 1, write 0, timeout 60
              Non-2xx or 3xx responses: 12
            Requests/sec:  11987.45
            Transfer/sec:      2.61MB
            """;

    @Test
    void readsTheRateTheLatencyPercentilesInMillisecondsTheRefusedAnswersAndTheTimeouts() {
        WrkCeiling.Result r = WrkCeiling.parse(OUTPUT);

        assertThat(r.requestsPerSecond()).isEqualTo(11987.45);
        assertThat(r.latencyMillis()).containsEntry(50, 0.75).containsEntry(75, 6.6).containsEntry(99, 1020.0);
        assertThat(r.non2xx()).isEqualTo(12);
        assertThat(r.socketErrors()).isEqualTo(61);
        assertThat(r.summary()).isEqualTo(
                "11,987 requests/s, latency p50 0.8 ms, p99 1020.0 ms, 12 non-2xx answers, 61 socket errors or timeouts");
    }

    @Test
    void anOutputWithoutARateIsAnError() {
        assertThatThrownBy(() -> WrkCeiling.parse("unable to connect to localhost:8090 Connection refused"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
