package org.rushreg.notification.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import org.rushreg.notification.rendering.DecisionEmailRenderer;
import org.rushreg.notification.rendering.EmailTickets;
import org.rushreg.notification.rendering.ManageLinks;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One renderer and one delivery for every email the service sends (decisions, reminders): an email's manage link and
 * ticket must be signed with the same secret and key whichever part of the service wrote it, and without
 * MANAGE_LINK_SECRET or TICKET_SIGNING_KEY the random ones are made once per run, not once per user of them.
 */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

    @Bean
    DecisionEmailRenderer decisionEmailRenderer(MailSettings settings) {
        return new DecisionEmailRenderer(new ManageLinks(settings.publicUrl(), settings.manageLinkSecret()),
                new EmailTickets(settings.ticketSigningKey()));
    }

    @Bean
    SmtpConnections smtpConnections(JavaMailSenderImpl mailSender, SmtpConnectionSettings settings,
                                    MeterRegistry meters) {
        return new SmtpConnections(mailSender, settings, meters);
    }

    @Bean
    MailDelivery mailDelivery(JavaMailSenderImpl mailSender, MailSettings settings, SmtpConnections connections) {
        return new MailDelivery(mailSender, settings, connections);
    }
}
