package org.rushreg.notification.decisions;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.Consumer;
import org.rushreg.messages.EmailDigest;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.Topics;
import org.rushreg.notification.mail.DecisionEmailRenderer;
import org.rushreg.notification.mail.EmailTickets;
import org.rushreg.notification.mail.MailDelivery;
import org.rushreg.notification.mail.MailSettings;
import org.rushreg.notification.mail.ManageLinks;
import org.rushreg.notification.mail.SmtpConnectionSettings;
import org.rushreg.notification.mail.SmtpConnections;
import org.rushreg.notification.observability.RegistrationLogContext;
import org.rushreg.notification.outcomes.NotificationOutcomes;
import org.rushreg.notification.recipients.Recipients;
import org.rushreg.notification.reminders.ReminderClaims;
import org.rushreg.notification.reminders.ReminderSettings;
import org.rushreg.notification.resilience.PauseWhileOpen;
import org.rushreg.notification.resilience.SmtpCircuit;
import org.rushreg.notification.resilience.SmtpResilienceSettings;
import org.rushreg.notification.sent.SentEmails;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.messaging.Message;

/**
 * The whole Kafka integration: a function bean bound to {@code registration.decisions} (binding
 * {@value #INPUT_BINDING}, see application.yml for the manual acknowledgement, the dead-letter topic and
 * read_committed); the outcomes go out through Boot's KafkaTemplate ({@code spring.kafka.producer}).
 */
@Configuration(proxyBeanMethods = false)
public class DecisionsConfiguration {

    public static final String INPUT_BINDING = "registrationDecisions-in-0";

    @Bean
    Consumer<Message<byte[]>> registrationDecisions(DecisionNotifier notifier, SmtpResilienceSettings settings) {
        // A record that is not a decision throws MalformedMessageException, an undeliverable email
        // UndeliverableException: no retries, straight to the DLQ. An email that cannot go out *now* is negatively
        // acknowledged: the record is read again after the delay (and after the paused binding resumes), so an
        // outage of any length delays emails but never dead-letters them.
        return message -> {
            Object payload = message.getPayload();
            byte[] bytes = payload instanceof byte[] value ? value : null;
            Acknowledgment ack = message.getHeaders().get(KafkaHeaders.ACKNOWLEDGMENT, Acknowledgment.class);
            RegistrationOutcome outcome = MessageJson.fromBytes(bytes, Topics.REGISTRATION_DECISIONS);
            boolean done;
            try (var logged = RegistrationLogContext.of(outcome.registrationId())) {
                done = notifier.handle(outcome);
            }
            if (ack == null) {
                return;
            }
            if (done) {
                ack.acknowledge();
            } else {
                ack.nack(settings.redeliveryDelay());
            }
        };
    }

    @Bean
    SmtpCircuit smtpCircuit(SmtpResilienceSettings settings, MeterRegistry meters) {
        SmtpCircuit circuit = new SmtpCircuit(settings);
        circuit.bindMetrics(meters);
        return circuit;
    }

    @Bean
    PauseWhileOpen pauseWhileOpen(SmtpCircuit circuit, BindingsLifecycleController bindings, MeterRegistry meters) {
        return new PauseWhileOpen(circuit.breaker(), bindings, INPUT_BINDING, meters);
    }

    @Bean
    SmtpConnections smtpConnections(JavaMailSenderImpl mailSender, SmtpConnectionSettings settings,
                                    MeterRegistry meters) {
        return new SmtpConnections(mailSender, settings, meters);
    }

    /**
     * The key of the addresses' digests that reminder limits are kept under ({@code EMAIL_DIGEST_KEY}); the same on
     * every instance and across restarts. Unset: the development key, and a warning.
     */
    @Bean
    EmailDigest emailDigest(@org.springframework.beans.factory.annotation.Value("${notification.email-digest-key:}") String key) {
        return EmailDigest.fromSetting(key, org.slf4j.LoggerFactory.getLogger(DecisionsConfiguration.class)::warn);
    }

    /** The time reminder claims are taken at (a test moves it past the interval). */
    @Bean
    Clock reminderClock() {
        return Clock.systemUTC();
    }

    @Bean
    DecisionNotifier decisionNotifier(MailSettings settings, JavaMailSenderImpl mailSender,
                                      SmtpConnections connections, KafkaTemplate<byte[], byte[]> kafka,
                                      SmtpCircuit smtp, JdbcClient jdbc, ReminderSettings reminders,
                                      EmailDigest emailDigest, Clock clock, MeterRegistry meters) {
        ManageLinks manageLinks = new ManageLinks(settings.publicUrl(), settings.manageLinkSecret());
        EmailTickets tickets = new EmailTickets(settings.ticketSigningKey());
        return new DecisionNotifier(new DecisionEmailRenderer(manageLinks, tickets),
                new MailDelivery(mailSender, settings, connections), smtp, new SentEmails(jdbc), new Recipients(jdbc),
                new ReminderClaims(jdbc, reminders, emailDigest, clock), new NotificationOutcomes(kafka), meters);
    }
}
