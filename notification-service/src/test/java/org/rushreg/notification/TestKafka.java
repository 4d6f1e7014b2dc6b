package org.rushreg.notification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.rushreg.messages.DeliveryStatus;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.NotificationOutcome;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.Topics;

/**
 * The capacity service's side of the topics, for tests: writes decisions in transactions (as the exactly-once
 * processor does) and reads back what the notification service reported and dead-lettered.
 */
public final class TestKafka implements AutoCloseable {

    private final String brokers;
    private final KafkaConsumer<String, byte[]> reader;
    private final List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();

    public TestKafka(String brokers) {
        this.brokers = brokers;
        this.reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        reader.subscribe(List.of(Topics.NOTIFICATION_OUTCOMES.name(), Topics.REGISTRATION_DECISIONS.deadLetterName()));
    }

    public void publish(RegistrationOutcome... outcomes) {
        publish(List.of(outcomes));
    }

    /**
     * Writes the outcomes in one committed transaction. The embedded broker's transaction coordinator has been seen
     * (once, in CI) to refuse a commit as if none of the transaction's sends had reached it ("state is EMPTY, but
     * received transaction marker result to send: COMMIT"); nothing of a refused transaction reaches a read_committed
     * reader, so it is written again, once, by a new producer, as Kafka Streams does with a task whose transaction
     * failed.
     */
    public void publish(List<? extends RegistrationOutcome> outcomes) {
        try {
            publishOnce(outcomes);
        } catch (InvalidTxnStateException refused) {
            publishOnce(outcomes);
        }
    }

    private void publishOnce(List<? extends RegistrationOutcome> outcomes) {
        try (KafkaProducer<String, byte[]> producer = transactionalProducer()) {
            producer.beginTransaction();
            for (RegistrationOutcome outcome : outcomes) {
                producer.send(record(outcome));
            }
            producer.commitTransaction();
        }
    }

    public void publishAborted(RegistrationOutcome outcome) throws Exception {
        try (KafkaProducer<String, byte[]> producer = transactionalProducer()) {
            producer.beginTransaction();
            producer.send(record(outcome)).get();
            producer.abortTransaction();
        }
    }

    public void publishRaw(String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.REGISTRATION_DECISIONS.name(), key, value));
        }
    }

    /** Everything read so far, after one more short poll. */
    public List<ConsumerRecord<String, byte[]>> poll() {
        reader.poll(Duration.ofMillis(200)).forEach(read::add);
        return read;
    }

    public List<NotificationOutcome> outcomes() {
        return poll().stream().filter(r -> r.topic().equals(Topics.NOTIFICATION_OUTCOMES.name()))
                .map(r -> MessageJson.fromBytes(r.value(), Topics.NOTIFICATION_OUTCOMES)).toList();
    }

    public boolean reported(RegistrationOutcome outcome, DeliveryStatus status) {
        return outcomes().stream().anyMatch(o -> o.status() == status && outcome.messageId().equals(o.decisionId())
                && outcome.registrationId().equals(o.registrationId()));
    }

    /** Whether every one of the outcomes was reported with this status (one poll for all of them). */
    public boolean reportedAll(List<? extends RegistrationOutcome> all, DeliveryStatus status) {
        java.util.Set<String> reported = outcomes().stream().filter(o -> o.status() == status)
                .map(NotificationOutcome::decisionId).collect(java.util.stream.Collectors.toSet());
        return all.stream().allMatch(o -> reported.contains(o.messageId()));
    }

    public List<ConsumerRecord<String, byte[]>> deadLetters() {
        return poll().stream().filter(r -> r.topic().equals(Topics.REGISTRATION_DECISIONS.deadLetterName())).toList();
    }

    private static ProducerRecord<String, byte[]> record(RegistrationOutcome outcome) {
        return new ProducerRecord<>(Topics.REGISTRATION_DECISIONS.name(), outcome.registrationId(),
                MessageJson.toBytes(outcome));
    }

    private KafkaProducer<String, byte[]> transactionalProducer() {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-decider-" + UUID.randomUUID()),
                new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        return producer;
    }

    @Override
    public void close() {
        reader.close();
    }
}
