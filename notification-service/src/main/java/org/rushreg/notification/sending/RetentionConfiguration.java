package org.rushreg.notification.sending;

import java.util.function.Consumer;
import org.rushreg.messages.EventPersonalDataExpired;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The events whose retention is over, from {@code personal-data.expirations} (binding {@value #INPUT_BINDING}, a
 * consumer group of this service's own): each is forgotten once per service, an instance that was down included,
 * because the topic is compacted and the group reads on from where it stopped. A record that is not a message goes to
 * the binder's dead-letter topic (application.yml).
 */
@Configuration(proxyBeanMethods = false)
class RetentionConfiguration {

    public static final String INPUT_BINDING = "personalDataExpirations-in-0";

    @Bean
    Consumer<Message<byte[]>> personalDataExpirations(ExpiredEvents events) {
        return message -> {
            EventPersonalDataExpired expired = MessageJson.fromBytes(message.getPayload(),
                    Topics.PERSONAL_DATA_EXPIRATIONS);
            if (expired.eventId() == null || expired.eventId().isBlank()) {
                throw new IllegalArgumentException("An expiry on " + Topics.PERSONAL_DATA_EXPIRATIONS.name()
                        + " names no event");
            }
            events.forget(expired.eventId());
        };
    }
}
