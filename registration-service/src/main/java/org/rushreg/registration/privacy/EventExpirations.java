package org.rushreg.registration.privacy;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.rushreg.messages.EventPersonalDataExpired;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.Topics;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells every other service that an event's retention is over ({@link EventPersonalDataExpired} on
 * {@link Topics#PERSONAL_DATA_EXPIRATIONS}, decision 0039), waiting for the broker: {@link EventRetention} sends it
 * inside the transaction that erases the event from the read model, so an event is marked erased only once the
 * broker has the message, and a refused send leaves it to the next check.
 */
@Component
class EventExpirations {

    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final KafkaTemplate<byte[], byte[]> kafka;

    EventExpirations(KafkaTemplate<byte[], byte[]> kafka) {
        this.kafka = kafka;
    }

    void publish(String eventId) {
        var record = new ProducerRecord<>(Topics.PERSONAL_DATA_EXPIRATIONS.name(),
                eventId.getBytes(StandardCharsets.UTF_8), MessageJson.toBytes(EventPersonalDataExpired.of(eventId)));
        try {
            kafka.send(record).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while telling the services that event " + eventId
                    + " expired", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The broker did not take the expiry of event " + eventId, e);
        }
    }
}
