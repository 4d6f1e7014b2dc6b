package org.rushreg.registration.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.registration.readmodel.OutcomeApplied;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * {@code registration.decisions} counts each outcome once (tag {@code status}: CONFIRMED, WAITLISTED, REJECTED,
 * PROMOTED, CANCELLED); {@code registration.decision.latency} times each decision from the moment its command was
 * accepted here to the moment it landed in the read model, i.e. what a registrant waits for on the status page.
 */
@Component
class DecisionMetrics {

    private final MeterRegistry meters;
    private final Timer latency;

    DecisionMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.latency = Timer.builder("registration.decision.latency")
                .description("From a registration accepted (command published) to its decision in the read model")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(meters);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void applied(OutcomeApplied applied) {
        if (!applied.first()) {
            return;
        }
        Counter.builder("registration.decisions")
                .description("Outcomes of registrations applied to the read model, each once")
                .tag("status", applied.kind())
                .register(meters)
                .increment();
        if (applied.outcome() instanceof RegistrationDecided decided && decided.requestedAt() != null) {
            Duration waited = Duration.between(decided.requestedAt(), applied.appliedAt());
            if (!waited.isNegative()) {
                latency.record(waited);
            }
        }
    }
}
