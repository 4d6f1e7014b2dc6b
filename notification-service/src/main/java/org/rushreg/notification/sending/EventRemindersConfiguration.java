package org.rushreg.notification.sending;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.rushreg.notification.rendering.DecisionEmailRenderer;
import org.rushreg.notification.delivery.MailDelivery;
import org.rushreg.notification.delivery.MailSettings;
import org.rushreg.notification.delivery.SmtpConnections;
import org.rushreg.notification.delivery.SmtpCircuit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The reminders before the event: a scheduled job ({@link EventReminders}) with the same mail server, circuit
 * breaker, kept connections, renderer (so the same manage-link secret and ticket key), sent-record and outcomes topic
 * as the emails about decisions.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class EventRemindersConfiguration {

    /** {@code clock}: the one reminders are timed by ({@code reminderClock}; a test moves it). */
    @Bean
    EventReminders eventReminders(EventReminderSettings settings, MailSettings mail, DecisionEmailRenderer renderer,
                                  MailDelivery delivery, SmtpConnections connections, SmtpCircuit smtp,
                                  JdbcClient jdbc, KafkaTemplate<byte[], byte[]> kafka, Clock clock,
                                  MeterRegistry meters) {
        return new EventReminders(settings, new Recipients(jdbc), new SentEmails(jdbc), renderer, delivery,
                connections, smtp, new NotificationOutcomes(kafka), mail.from(), clock, meters);
    }
}
