package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;
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

    @Autowired
    JdbcClient jdbc;

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

        // Half of the recent sends failed: the breaker is open, and the next request is refused at once.
        Instant again = Instant.now();
        Answer quick = register(registration("day-1"));
        assertThat(quick.status()).as(quick.body()).isEqualTo(503);
        assertThat(quick.raw().headers().firstValue("Retry-After")).isPresent();
        // Well under the producer's max.block.ms (5 s): the broker was not waited for. (Typically a few ms; the
        // bound leaves room for a busy CI machine.)
        assertThat(Duration.between(again, Instant.now())).isLessThan(Duration.ofSeconds(3));

        assertThat(jdbc.sql("select count(*) from registrations where status = 'PENDING' and created_at >= :start")
                .param("start", java.sql.Timestamp.from(start)).query(Long.class).single()).isZero();
    }
}
