package org.rushreg.notification.sending;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.rushreg.messages.ErasureConfirmed;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.NotificationOutcome;
import org.rushreg.messages.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.stereotype.Component;

/**
 * Reports what became of each email on {@code notification.outcomes}, keyed by registration id. Sent with a plain
 * KafkaTemplate (observed, so the decision's trace goes on with the outcome): StreamBridge's function and channel
 * layers around the same send cost more than the send itself (docs/benchmarks.md).
 */
@Component
class NotificationOutcomes {

    private static final Logger log = LoggerFactory.getLogger(NotificationOutcomes.class);

    private static final long CONFIRMATION_TIMEOUT_SECONDS = 30;

    private final KafkaOperations<byte[], byte[]> kafka;

    public NotificationOutcomes(KafkaOperations<byte[], byte[]> kafka) {
        this.kafka = kafka;
    }

    /**
     * Never throws: the email has already gone out, and failing here would make the binder retry the decision and
     * send it a second time. A lost report is the smaller harm.
     */
    public void publish(NotificationOutcome outcome) {
        try {
            kafka.send(Topics.NOTIFICATION_OUTCOMES.name(), outcome.registrationId().getBytes(StandardCharsets.UTF_8),
                    MessageJson.toBytes(outcome)).whenComplete((sent, failure) -> {
                        if (failure != null) {
                            log.warn("Registration {}: could not publish the {} outcome: {}",
                                    outcome.registrationId(), outcome.status(), failure.toString());
                        }
                    });
        } catch (RuntimeException e) {
            log.warn("Registration {}: could not publish the {} outcome: {}", outcome.registrationId(),
                    outcome.status(), e.toString());
        }
    }

    /**
     * Confirms that this service forgot the person behind a registration of an erasure (decision 0027), waiting for
     * the broker: throws when it cannot, so the erasure is handled (idempotently) again rather than left unconfirmed.
     */
    public void confirm(ErasureConfirmed confirmed) {
        try {
            kafka.send(Topics.ERASURE_CONFIRMATIONS.name(), confirmed.erasureId().getBytes(StandardCharsets.UTF_8),
                    MessageJson.toBytes(confirmed)).get(CONFIRMATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while confirming erasure " + confirmed.erasureId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not confirm erasure " + confirmed.erasureId(), e);
        }
    }
}
