package org.rushreg.notification.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.binding.BindingsLifecycleController.State;

/**
 * Stops reading decisions while the SMTP breaker is open, instead of pulling records only to fail them: the binding
 * is paused (the consumer keeps polling without fetching, so it stays in its group) and resumed when the breaker
 * half-opens to test the server with the records waiting.
 */
public class PauseWhileOpen {

    private static final Logger log = LoggerFactory.getLogger(PauseWhileOpen.class);

    private final BindingsLifecycleController bindings;
    private final String binding;
    private final Counter pauses;

    public PauseWhileOpen(CircuitBreaker breaker, BindingsLifecycleController bindings, String binding,
                          MeterRegistry meters) {
        this.bindings = bindings;
        this.binding = binding;
        this.pauses = Counter.builder("notification.consumption.pauses")
                .description("Times reading decisions was paused because the SMTP server was down")
                .register(meters);
        breaker.getEventPublisher().onStateTransition(this::onTransition);
    }

    private void onTransition(CircuitBreakerOnStateTransitionEvent event) {
        switch (event.getStateTransition().getToState()) {
            case OPEN, FORCED_OPEN -> {
                log.warn("SMTP breaker {}: pausing {}", event.getStateTransition(), binding);
                pauses.increment();
                changeState(State.PAUSED);
            }
            case HALF_OPEN, CLOSED, DISABLED -> {
                log.info("SMTP breaker {}: resuming {}", event.getStateTransition(), binding);
                changeState(State.RESUMED);
            }
            default -> {
            }
        }
    }

    private void changeState(State state) {
        try {
            bindings.changeState(binding, state);
        } catch (RuntimeException e) {
            // At start-up or shutdown the binding may not exist; the breaker's next transition tries again.
            log.warn("Could not change {} to {}: {}", binding, state, e.toString());
        }
    }
}
