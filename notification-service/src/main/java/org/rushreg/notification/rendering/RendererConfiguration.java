package org.rushreg.notification.rendering;

import org.rushreg.notification.delivery.MailSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One renderer for every email the service sends (decisions, reminders): an email's manage link and ticket must be
 * signed with the same secret and key whichever part of the service wrote it, and without MANAGE_LINK_SECRET or
 * TICKET_SIGNING_KEY the random ones are made once per run, not once per user of them.
 */
@Configuration(proxyBeanMethods = false)
class RendererConfiguration {

    @Bean
    DecisionEmailRenderer decisionEmailRenderer(MailSettings settings) {
        return new DecisionEmailRenderer(new ManageLinks(settings.publicUrl(), settings.manageLinkSecret()),
                new EmailTickets(settings.ticketSigningKey()));
    }
}
