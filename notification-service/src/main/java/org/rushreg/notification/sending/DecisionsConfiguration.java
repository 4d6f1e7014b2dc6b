package org.rushreg.notification.sending;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.rushreg.messages.EmailDigest;
import org.rushreg.messages.Topics;
import org.rushreg.notification.delivery.PauseWhileOpen;
import org.rushreg.notification.delivery.SmtpCircuit;
import org.rushreg.notification.delivery.SmtpResilienceSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.messaging.Message;

/**
 * The whole Kafka integration: a function bean bound to {@code registration.decisions} (binding
 * {@value #INPUT_BINDING}) that takes a poll's decisions at a time ({@link DecisionBatches}; see application.yml for
 * the batch mode, the manual acknowledgement and read_committed); the outcomes and the dead letters go out through
 * Boot's KafkaTemplate ({@code spring.kafka.producer}).
 */
@Configuration(proxyBeanMethods = false)
class DecisionsConfiguration {

    public static final String INPUT_BINDING = "registrationDecisions-in-0";

    @Bean
    Consumer<Message<List<byte[]>>> registrationDecisions(DecisionBatches batches) {
        return batches::handle;
    }

    @Bean
    DecisionBatches decisionBatches(DecisionNotifier notifier, SmtpResilienceSettings settings,
                                    KafkaTemplate<byte[], byte[]> kafka, ObjectProvider<Tracer> tracer,
                                    ObjectProvider<Propagator> propagator) {
        // Dead letters keep the decision's partition when the dead-letter topic has it, else the producer picks.
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafka,
                (record, failure) -> new TopicPartition(Topics.REGISTRATION_DECISIONS.deadLetterName(), -1));
        return new DecisionBatches(notifier, settings.redeliveryDelay(), deadLetters::accept,
                tracer.getIfAvailable(), propagator.getIfAvailable());
    }

    @Bean
    PauseWhileOpen pauseWhileOpen(SmtpCircuit circuit, BindingsLifecycleController bindings, MeterRegistry meters) {
        return new PauseWhileOpen(circuit.breaker(), bindings, INPUT_BINDING, meters);
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
}
