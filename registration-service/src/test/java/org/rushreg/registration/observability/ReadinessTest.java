package org.rushreg.registration.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rushreg.registration.ServiceTestSupport;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The probes an orchestrator uses: readiness follows the broker (no traffic while it is gone), liveness does not (a
 * restart would not bring it back). Its own context with its own broker, which the test stops. (Readiness with the
 * database gone is shown by notification-service's ReadinessTest: the same Boot indicator; here the database is
 * shared by every test context.)
 */
@DirtiesContext
@TestPropertySource(properties = "rushreg.test.context=readiness")
class ReadinessTest extends ServiceTestSupport {

    @Test
    void readinessIsDownWhileTheBrokerIsUnreachableAndLivenessStaysUp() {
        await().atMost(Duration.ofSeconds(60)).until(() -> management("/actuator/health/readiness").status() == 200);

        broker.destroy();

        await().atMost(Duration.ofSeconds(60)).until(() -> management("/actuator/health/readiness").status() == 503);
        assertThat(get("/readyz").status()).as("readiness on the public port").isEqualTo(503);
        Answer readiness = management("/actuator/health/readiness");
        assertThat(JSON.readTree(readiness.body()).path("components").path("broker").path("status").asString())
                .isEqualTo("DOWN");
        assertThat(management("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(get("/livez").status()).as("liveness on the public port").isEqualTo(200);
    }
}
