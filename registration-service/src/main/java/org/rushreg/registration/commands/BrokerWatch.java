package org.rushreg.registration.commands;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Asks the broker every second whether it is there, and holds the publishing breaker open while it is not.
 *
 * <p>Without this the breaker only learns from failed sends, and a send to a dead broker fails only after the
 * producer's timeouts (seconds): every request arriving in those seconds would hang. With it, a request that
 * arrives a moment after the broker went away is refused with a 503 at once, and one that arrives a moment after
 * the broker came back is accepted — no restart. A send already under way still waits for its true outcome: a
 * 202 is only ever given for a command the broker acknowledged.
 */
@Component
public class BrokerWatch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BrokerWatch.class);

    private final CircuitBreaker breaker;
    private final String bootstrapServers;
    private final Duration every;
    private final Duration timeout;
    private ScheduledExecutorService schedule;
    private Admin admin;
    private volatile boolean reachable = true;

    BrokerWatch(CommandLog commandLog, PublishBreakerProperties properties,
                @Value("${spring.cloud.stream.kafka.binder.brokers}") String bootstrapServers) {
        this.breaker = commandLog.breaker();
        this.bootstrapServers = bootstrapServers;
        this.every = properties.brokerCheckEvery();
        this.timeout = properties.brokerCheckTimeout();
    }

    /** Whether the broker answered the last check. */
    public boolean brokerReachable() {
        return reachable;
    }

    void check() {
        boolean answered = brokerAnswers();
        if (answered == reachable) {
            return;
        }
        reachable = answered;
        if (answered) {
            log.info("Broker {} answers again: accepting registrations", bootstrapServers);
            if (breaker.getState() == CircuitBreaker.State.FORCED_OPEN) {
                breaker.transitionToClosedState();
            }
        } else {
            log.warn("Broker {} does not answer within {} ms: refusing registrations with 503 until it does",
                    bootstrapServers, timeout.toMillis());
            breaker.transitionToForcedOpenState();
        }
    }

    private boolean brokerAnswers() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .clusterId().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return reachable;
        }
    }

    @Override
    public void start() {
        if (every.isZero()) {
            return;
        }
        admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "registration-service-broker-watch",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                // Notice a broker that is back within a check, not after the default backoff of up to a second.
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200));
        schedule = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "broker-watch");
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleWithFixedDelay(this::checkSafely, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("Broker check failed", e);
        }
    }

    @Override
    public void stop() {
        if (schedule != null) {
            schedule.shutdownNow();
            schedule = null;
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
            admin = null;
        }
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }
}
