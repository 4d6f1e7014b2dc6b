package org.rushreg.notification.outcomes;

import java.nio.charset.StandardCharsets;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.NotificationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/** Reports what became of each email on {@code notification.outcomes}, keyed by registration id. */
public class NotificationOutcomes {

    /** The output binding; its destination is set in application.yml and checked against {@code Topics} by a test. */
    public static final String BINDING = "notificationOutcomes-out-0";

    private static final Logger log = LoggerFactory.getLogger(NotificationOutcomes.class);

    private final StreamBridge streamBridge;

    public NotificationOutcomes(StreamBridge streamBridge) {
        this.streamBridge = streamBridge;
    }

    /**
     * Never throws: the email has already gone out, and failing here would make the binder retry the decision and
     * send it a second time. A lost report is the smaller harm.
     */
    public void publish(NotificationOutcome outcome) {
        Message<byte[]> message = MessageBuilder.withPayload(MessageJson.toBytes(outcome))
                .setHeader(KafkaHeaders.KEY, outcome.registrationId().getBytes(StandardCharsets.UTF_8))
                .build();
        try {
            if (!streamBridge.send(BINDING, message)) {
                log.warn("Registration {}: the {} outcome was not accepted by the binder", outcome.registrationId(),
                        outcome.status());
            }
        } catch (RuntimeException e) {
            log.warn("Registration {}: could not publish the {} outcome: {}", outcome.registrationId(),
                    outcome.status(), e.toString());
        }
    }
}
