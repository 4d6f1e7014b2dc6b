package org.rushreg.registration.readmodel;

import java.util.function.Consumer;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The topics the read model follows, as Spring Cloud Stream consumers (bindings
 * {@code registrationDecisions-in-0}, {@code seatAvailability-in-0} and {@code notificationOutcomes-in-0} in
 * application.yml). A record that is not a valid message fails, is retried and then goes to the dead-letter topic.
 */
@Configuration(proxyBeanMethods = false)
class ReadModelBindings {

    @Bean
    Consumer<Message<byte[]>> registrationDecisions(DecisionProjection projection) {
        return message -> projection.apply(MessageJson.fromBytes(message.getPayload(), Topics.REGISTRATION_DECISIONS));
    }

    @Bean
    Consumer<Message<byte[]>> notificationOutcomes(DeliveryProjection projection) {
        return message -> projection.apply(MessageJson.fromBytes(message.getPayload(), Topics.NOTIFICATION_OUTCOMES));
    }

    @Bean
    Consumer<Message<byte[]>> seatAvailability(AvailabilityProjection projection) {
        return message -> projection.apply(MessageJson.fromBytes(message.getPayload(), Topics.SEAT_AVAILABILITY));
    }
}
