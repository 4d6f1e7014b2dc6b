package org.rushreg.registration.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.rushreg.messages.ErasureConfirmed;
import org.rushreg.messages.MalformedMessageException;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records the confirmations other services send on {@code erasure.confirmations} (binding
 * {@code erasureConfirmations-in-0}): a whole poll in one transaction, each confirmation once.
 */
@Configuration(proxyBeanMethods = false)
class ErasureConfirmationBindings {

    private static final Logger log = LoggerFactory.getLogger(ErasureConfirmationBindings.class);

    @Bean
    Consumer<Message<List<byte[]>>> erasureConfirmations(PersonalDataErasure erasure,
                                                         TransactionTemplate transactions) {
        return message -> {
            List<ErasureConfirmed> confirmations = new ArrayList<>();
            for (byte[] payload : message.getPayload()) {
                try {
                    ErasureConfirmed confirmed = MessageJson.fromBytes(payload, Topics.ERASURE_CONFIRMATIONS);
                    if (confirmed.erasureId() != null && confirmed.registrationId() != null
                            && confirmed.store() != null) {
                        confirmations.add(confirmed);
                        continue;
                    }
                } catch (MalformedMessageException e) {
                    // logged below, without the record
                }
                log.warn("A record on {} is not an erasure confirmation; skipped", Topics.ERASURE_CONFIRMATIONS.name());
            }
            transactions.executeWithoutResult(status -> erasure.confirmAll(confirmations));
        };
    }
}
