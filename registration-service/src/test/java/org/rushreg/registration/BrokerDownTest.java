package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * When the broker cannot take a command, the client gets a quick 503 with Retry-After and nothing is
 * registered: a 202 is a promise, so it is never given for a command the broker did not acknowledge. Runs in
 * its own context with its own broker, which the test stops.
 */
@DirtiesContext
@TestPropertySource(properties = {"rushreg.test.context=broker-down", "rushreg.publish-breaker.minimum-calls=2",
        "rushreg.publish-breaker.open-for=60s"})
class BrokerDownTest extends ServiceTestSupport {

    @Test
    void aRegistrationTheBrokerCannotTakeIsAnsweredWith503AndLeavesNoTrace() {
        Answer before = register(registration("day-1"));
        assertThat(before.status()).as(before.body()).isEqualTo(202);

        broker.destroy();

        Instant start = Instant.now();
        Answer answer = register(registration("day-1"));
        Duration took = Duration.between(start, Instant.now());

        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(took).isLessThan(Duration.ofSeconds(20));

        // Once enough recent sends failed (the breaker's minimum number of calls and failure rate), the breaker is
        // open and a request is refused without waiting for the broker: well under the producer's max.block.ms
        // (5 s). Typically a few ms; the bound leaves room for a busy CI machine.
        Duration last = Duration.ofDays(1);
        for (int attempt = 0; attempt < 10 && last.compareTo(Duration.ofSeconds(3)) >= 0; attempt++) {
            Instant again = Instant.now();
            Answer refused = register(registration("day-1"));
            last = Duration.between(again, Instant.now());
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.raw().headers().firstValue("Retry-After")).isPresent();
        }
        assertThat(last).isLessThan(Duration.ofSeconds(3));

        // A refused request leaves its Idempotency-Key unused: a retry with another body is not refused as a reuse.
        java.util.Map<String, String> key = java.util.Map.of("Idempotency-Key", "refused-" + start.toEpochMilli());
        Answer keyed = postJson("/api/events/kongres-2024/registrations", registration("day-1"), key);
        assertThat(keyed.status()).as(keyed.body()).isEqualTo(503);
        Answer corrected = postJson("/api/events/kongres-2024/registrations", registration("day-2"), key);
        assertThat(corrected.status()).as("not 422: " + corrected.body()).isEqualTo(503);
    }
}
