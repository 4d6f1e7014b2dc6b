package org.rushreg.notification.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * UP while a Kafka broker answers a describeCluster within the timeout. The binder's own indicator asks its consumer
 * for partitions, which it answers from cached metadata while the broker is gone; this one asks the broker.
 * The answer is kept for a short while, so frequent probes cost at most one request per interval. It is the
 * {@code broker} part of the readiness group, with the database (application.yml): a service that cannot read
 * decisions or record emails should get no traffic, but it is still alive.
 */
@Component
class BrokerHealthIndicator implements HealthIndicator, DisposableBean {

    /** Long enough for a busy broker, short enough that a probe (usually 1 s or more apart) does not pile up. */
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CACHE_FOR = Duration.ofSeconds(2);

    private final String brokers;
    private final Duration timeout;
    private final Duration cacheFor;
    private final Clock clock;
    private final Admin admin;
    private Health last;
    private Instant checkedAt = Instant.MIN;

    BrokerHealthIndicator(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers) {
        this.brokers = brokers;
        this.timeout = TIMEOUT;
        this.cacheFor = CACHE_FOR;
        this.clock = Clock.systemUTC();
        int timeoutMs = (int) timeout.toMillis();
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                AdminClientConfig.CLIENT_ID_CONFIG, "notification-service-health",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
                // Keeps reconnection attempts (and their log lines) sparse while the broker is down.
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5000));
    }

    @Override
    public synchronized Health health() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(checkedAt.plus(cacheFor))) {
            last = check();
            checkedAt = clock.instant();
        }
        return last;
    }

    private Health check() {
        try {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            return Health.up().withDetail("brokers", nodes).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        } catch (Exception e) {
            return down(e.getClass().getSimpleName());
        }
    }

    private Health down(String cause) {
        return Health.down().withDetail("error", "No Kafka broker at " + brokers + " answered within " + timeout
                + " (" + cause + "); check that the broker runs and KAFKA_BOOTSTRAP_SERVERS").build();
    }

    @Override
    public void destroy() {
        admin.close(Duration.ZERO);
    }
}
