package org.rushreg.registration.privacy;

import java.util.List;
import java.util.function.Consumer;
import org.rushreg.messages.MalformedMessageException;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Reads every answer on {@code personal-data.access} (binding {@code personalDataAccess-in-0}) with a consumer of this
 * instance's own, no group, from the latest offset: the instance whose organiser waits may be any of them, and an
 * answer older than its start is one nobody here waits for (decision 0050).
 */
@Configuration(proxyBeanMethods = false)
class PersonalDataReportBindings {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataReportBindings.class);

    @Bean
    Consumer<Message<List<byte[]>>> personalDataAccess(PersonalDataReports reports) {
        return message -> {
            for (byte[] payload : message.getPayload()) {
                try {
                    reports.accept(MessageJson.fromBytes(payload, Topics.PERSONAL_DATA_ACCESS));
                } catch (MalformedMessageException e) {
                    // Without the record: an answer carries names and addresses.
                    log.warn("A record on {} is not an access message; skipped", Topics.PERSONAL_DATA_ACCESS.name());
                }
            }
        };
    }
}
