package org.rushreg.registration.health;

import org.rushreg.registration.commands.BrokerWatch;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code broker} health contributor (in the readiness group): the answer of the {@link BrokerWatch}'s last
 * check (a describeCluster every second), so a probe costs nothing and never waits for a dead broker.
 */
@Component
class BrokerHealthIndicator implements HealthIndicator {

    private final BrokerWatch watch;

    BrokerHealthIndicator(BrokerWatch watch) {
        this.watch = watch;
    }

    @Override
    public Health health() {
        if (watch.brokerReachable()) {
            return Health.up().build();
        }
        return Health.down().withDetail("error", "The Kafka broker does not answer; registrations get 503 until it "
                + "does. Check that it runs and KAFKA_BOOTSTRAP_SERVERS").build();
    }
}
