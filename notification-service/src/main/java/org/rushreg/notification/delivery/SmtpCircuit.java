package org.rushreg.notification.delivery;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Every call to the SMTP server goes through here: a few quick retries with exponential back-off for a server that
 * hiccups, inside them a circuit breaker for one that is down. Only {@link MailServerUnavailableException} (connection
 * refused, timeouts, 4xx) counts as a failure; a permanent refusal (5xx) is an answer, not an outage.
 */
@Component
public class SmtpCircuit {

    public static final String NAME = "smtp";

    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;
    private final CircuitBreaker breaker;
    private final Retry retry;

    SmtpCircuit(SmtpResilienceSettings settings, MeterRegistry meters) {
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.breakerWindow())
                .minimumNumberOfCalls(settings.breakerMinimumCalls())
                .failureRateThreshold(settings.breakerFailureRate())
                .waitDurationInOpenState(settings.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(settings.breakerProbes())
                // Consumption is paused while open: nothing would call the breaker to move it on, so time must.
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordExceptions(MailServerUnavailableException.class)
                .build());
        this.breaker = breakers.circuitBreaker(NAME);
        this.retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(settings.retryAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.retryInitialBackoff(),
                        settings.retryMultiplier(), settings.retryMaxBackoff()))
                // An open breaker is not retried here: the record waits for the breaker, not the thread.
                .retryExceptions(MailServerUnavailableException.class)
                .ignoreExceptions(CallNotPermittedException.class)
                .build());
        this.retry = retries.retry(NAME);
        bindMetrics(meters);
    }

    /**
     * Runs the call, or throws {@link MailServerUnavailableException} (the server failed every attempt) or
     * {@link CallNotPermittedException} (the breaker is open): either way the email is to be tried again later.
     */
    public <T> T call(Supplier<T> send) {
        return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, send)).get();
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    /** Metrics of the breaker and the retries on /actuator/prometheus (resilience4j_circuitbreaker_*, _retry_*). */
    private void bindMetrics(MeterRegistry meters) {
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
    }
}
