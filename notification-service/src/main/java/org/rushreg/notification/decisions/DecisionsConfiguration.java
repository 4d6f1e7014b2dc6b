package org.rushreg.notification.decisions;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.Topics;
import org.rushreg.notification.mail.DecisionEmailRenderer;
import org.rushreg.notification.mail.MailDelivery;
import org.rushreg.notification.mail.MailSettings;
import org.rushreg.notification.mail.ManageLinks;
import org.rushreg.notification.outcomes.NotificationOutcomes;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.messaging.Message;

/**
 * The whole Kafka integration: a function bean bound to {@code registration.decisions} (binding
 * {@value #INPUT_BINDING}, see application.yml for retries, the dead-letter topic and read_committed).
 */
@Configuration(proxyBeanMethods = false)
public class DecisionsConfiguration {

    public static final String INPUT_BINDING = "registrationDecisions-in-0";

    @Bean
    Consumer<Message<byte[]>> registrationDecisions(DecisionNotifier notifier) {
        // A record that is not a decision throws MalformedMessageException: no retries, straight to the DLQ.
        return message -> {
            Object payload = message.getPayload();
            byte[] bytes = payload instanceof byte[] value ? value : null;
            notifier.handle(MessageJson.fromBytes(bytes, Topics.REGISTRATION_DECISIONS));
        };
    }

    @Bean
    DecisionNotifier decisionNotifier(MailSettings settings, JavaMailSender mailSender, StreamBridge streamBridge,
                                      MeterRegistry meters) {
        ManageLinks manageLinks = new ManageLinks(settings.publicUrl(), settings.manageLinkSecret());
        return new DecisionNotifier(new DecisionEmailRenderer(manageLinks), new MailDelivery(mailSender, settings),
                new NotificationOutcomes(streamBridge), meters);
    }
}
