package org.rushreg.notification.sending;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.rushreg.messages.MalformedMessageException;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.Topics;
import org.rushreg.notification.operations.RegistrationLogContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * Handles the decisions of one poll together: reads them all, remembers the recipients of the first decisions in one
 * statement, then emails them one after another, each under its own trace (continued from the decision's
 * {@code traceparent}) and log context, and acknowledges the poll once. What is per email stays per email: the
 * sent-record is written after each {@code 250 OK}, so a crash repeats at most the email in flight on each consumer
 * (decision 0010).
 *
 * <p>A record that is not a decision, and an email refused for good, go to the dead-letter topic at once; any other
 * failure is tried {@value #ATTEMPTS} times, then dead-lettered. An email that cannot go out <em>now</em> (mail server
 * or database down) stops the poll there: the records before it are committed, it and the rest are read again after
 * the redelivery delay, so an outage of any length delays emails but never dead-letters them.
 */
class DecisionBatches {

    static final int ATTEMPTS = 3;
    private static final Duration FIRST_BACK_OFF = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(DecisionBatches.class);

    private final DecisionNotifier notifier;
    private final Duration redeliveryDelay;
    private final BiConsumer<ConsumerRecord<?, ?>, Exception> deadLetters;
    private final Tracer tracer;
    private final Propagator propagator;

    /**
     * @param deadLetters publishes a record and the reason to the dead-letter topic (e.g. Spring Kafka's
     *                    DeadLetterPublishingRecoverer); throws when it cannot, so the poll is read again
     * @param tracer      null: no traces
     */
    public DecisionBatches(DecisionNotifier notifier, Duration redeliveryDelay,
                           BiConsumer<ConsumerRecord<?, ?>, Exception> deadLetters, Tracer tracer,
                           Propagator propagator) {
        this.notifier = notifier;
        this.redeliveryDelay = redeliveryDelay;
        this.deadLetters = deadLetters;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** One poll's records as the binder hands them over in batch mode: the payloads, and each header as a list. */
    public void handle(Message<List<byte[]>> poll) {
        List<Polled> records = Polled.of(poll);
        Acknowledgment ack = poll.getHeaders().get(KafkaHeaders.ACKNOWLEDGMENT, Acknowledgment.class);
        List<RegistrationOutcome> outcomes = new ArrayList<>(records.size());
        for (Polled record : records) {
            outcomes.add(read(record));
        }
        Set<String> rememberedNow;
        try {
            rememberedNow = new HashSet<>(notifier.rememberRecipients(
                    outcomes.stream().filter(Objects::nonNull).toList()));
        } catch (DataAccessResourceFailureException e) {
            log.warn("The recipients' database is unavailable, {} decisions will be read again: {}", records.size(),
                    e.getMostSpecificCause().toString());
            nack(ack, 0);
            return;
        }
        for (int i = 0; i < records.size(); i++) {
            RegistrationOutcome outcome = outcomes.get(i);
            if (outcome == null) {
                continue;
            }
            // Removed once used: a decision delivered twice in one poll is looked up the second time.
            boolean first = rememberedNow.remove(outcome.registrationId());
            if (!handle(records.get(i), outcome, first)) {
                nack(ack, i);
                return;
            }
        }
        if (ack != null) {
            ack.acknowledge();
        }
    }

    private RegistrationOutcome read(Polled record) {
        try {
            return MessageJson.fromBytes(record.value(), Topics.REGISTRATION_DECISIONS);
        } catch (MalformedMessageException e) {
            log.warn("Decision at {}-{}@{} is not a decision, dead-lettered: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            deadLetters.accept(record.consumerRecord(), e);
            return null;
        }
    }

    /** Returns false when the email cannot go out now. */
    private boolean handle(Polled record, RegistrationOutcome outcome, boolean rememberedNow) {
        Span span = startSpan(record);
        try (var logged = RegistrationLogContext.of(outcome.registrationId());
             var scope = span == null ? null : tracer.withSpan(span)) {
            Duration backOff = FIRST_BACK_OFF;
            for (int attempt = 1; ; attempt++) {
                try {
                    return notifier.handle(outcome, rememberedNow);
                } catch (UndeliverableException e) {
                    deadLetters.accept(record.consumerRecord(), e);
                    return true;
                } catch (RuntimeException e) {
                    if (attempt == ATTEMPTS) {
                        log.error("Registration {}: decision {} failed {} times, dead-lettered", outcome.registrationId(),
                                outcome.messageId(), ATTEMPTS, e);
                        deadLetters.accept(record.consumerRecord(), e);
                        return true;
                    }
                    log.warn("Registration {}: decision {} failed, trying again in {}: {}", outcome.registrationId(),
                            outcome.messageId(), backOff, e.toString());
                    sleep(backOff);
                    backOff = backOff.multipliedBy(2);
                    // the recipient's row exists by now; the retry looks for a sent-record as any redelivery does
                    rememberedNow = false;
                }
            }
        } finally {
            if (span != null) {
                span.end();
            }
        }
    }

    private Span startSpan(Polled record) {
        if (tracer == null || propagator == null) {
            return null;
        }
        return propagator.extract(record.headers(), DecisionBatches::header).name("registration.decisions process")
                .kind(Span.Kind.CONSUMER).start();
    }

    private static String header(Map<String, Object> headers, String name) {
        Object value = headers.get(name);
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : value == null ? null : value.toString();
    }

    private void nack(Acknowledgment ack, int index) {
        if (ack != null) {
            ack.nack(index, redeliveryDelay);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to try a decision again", e);
        }
    }

    /** One record of a batch: its payload and what the binder put in the batch's headers at its index. */
    record Polled(String topic, int partition, long offset, Object key, byte[] value, Map<String, Object> headers) {

        @SuppressWarnings("unchecked")
        static List<Polled> of(Message<List<byte[]>> poll) {
            MessageHeaders headers = poll.getHeaders();
            List<byte[]> values = poll.getPayload();
            List<Object> topics = headers.get(KafkaHeaders.RECEIVED_TOPIC, List.class);
            List<Object> partitions = headers.get(KafkaHeaders.RECEIVED_PARTITION, List.class);
            List<Object> offsets = headers.get(KafkaHeaders.OFFSET, List.class);
            List<Object> keys = headers.get(KafkaHeaders.RECEIVED_KEY, List.class);
            List<Map<String, Object>> converted = headers.get(KafkaHeaders.BATCH_CONVERTED_HEADERS, List.class);
            List<Polled> records = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                records.add(new Polled(
                        topics == null ? Topics.REGISTRATION_DECISIONS.name() : String.valueOf(topics.get(i)),
                        partitions == null ? -1 : ((Number) partitions.get(i)).intValue(),
                        offsets == null ? -1 : ((Number) offsets.get(i)).longValue(),
                        keys == null ? null : keys.get(i), values.get(i),
                        converted == null ? Map.of() : converted.get(i)));
            }
            return records;
        }

        ConsumerRecord<Object, byte[]> consumerRecord() {
            return new ConsumerRecord<>(topic, Math.max(partition, 0), offset, key, value);
        }
    }
}
