package org.rushreg.notification.access;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.PersonalDataAccess;
import org.rushreg.messages.PersonalDataRequested;
import org.rushreg.messages.SealedData;
import org.rushreg.messages.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Access requests from {@code personal-data.access} (binding {@value #INPUT_BINDING}, this service's consumer group:
 * any instance answers, each request once). The stores' answers on the same topic are not for this service and are
 * passed over, as is a request without a public key to seal the answer for. A record that is not a message goes to the
 * binder's dead-letter topic (application.yml).
 */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

    public static final String INPUT_BINDING = "personalDataAccess-in-0";

    /**
     * A request older than this is not answered: the organiser's request waits seconds (PERSONAL_DATA_ACCESS_WAIT), so
     * an answer after an outage of this service would only put names on the topic for nobody to read.
     */
    static final Duration STALE_AFTER = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(AccessConfiguration.class);

    @Bean
    Consumer<Message<byte[]>> personalDataAccess(PersonalDataReports reports) {
        return message -> {
            PersonalDataAccess access = MessageJson.fromBytes(message.getPayload(), Topics.PERSONAL_DATA_ACCESS);
            if (!(access instanceof PersonalDataRequested request)) {
                return;
            }
            if (request.requestId() == null || request.requestId().isBlank() || request.eventId() == null) {
                throw new IllegalArgumentException("An access request on " + Topics.PERSONAL_DATA_ACCESS.name()
                        + " names no request or no event");
            }
            if (request.createdAt() != null && request.createdAt().isBefore(Instant.now().minus(STALE_AFTER))) {
                log.info("Access request {} of event {} is older than {}: nobody waits for it, not answered",
                        request.requestId(), request.eventId(), STALE_AFTER);
                return;
            }
            if (!SealedData.isUsablePublicKey(request.publicKey())) {
                // Answers go out sealed only (decision 0050): without a key to seal for, none is sent.
                log.warn("Access request {} of event {} carries no usable publicKey (Base64 of a P-256 X.509 key): "
                        + "not answered; the registration-service must send one", request.requestId(),
                        request.eventId());
                return;
            }
            reports.answer(request);
        };
    }
}
