package org.rushreg.registration.readmodel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.rushreg.messages.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Puts records the read model cannot read on their topic's dead-letter topic, as they were, with the headers the
 * binder's own dead-letter publishing writes ({@code x-original-topic}, {@code x-exception-message}, ...). In a
 * batch the rest of the poll is still applied: one poison record must neither stop nor take its neighbours along.
 */
@Component
class DeadLetters implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final DefaultKafkaProducerFactory<byte[], byte[]> producers;
    private final KafkaTemplate<byte[], byte[]> kafka;

    /** {@code brokers}: the binder's, where the records came from. */
    DeadLetters(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // Created on the first dead letter: most runs never need this producer.
        producers = new DefaultKafkaProducerFactory<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        kafka = new KafkaTemplate<>(producers);
    }

    /**
     * Sends them and waits until the broker has them, so that the poll's offsets are committed only afterwards; a
     * failed send fails the batch, which is then polled again.
     */
    void send(Topic<?> topic, List<PolledRecords.Unreadable> records) {
        if (records.isEmpty()) {
            return;
        }
        CompletableFuture<?>[] sent = records.stream().map(record -> {
            ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(topic.deadLetterName(), null, record.key(),
                    record.value());
            letter.headers()
                    .add("x-original-topic", topic.name().getBytes(StandardCharsets.UTF_8))
                    .add("x-original-partition", ByteBuffer.allocate(Integer.BYTES).putInt(record.partition()).array())
                    .add("x-original-offset", ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array())
                    .add("x-exception-fqcn", record.problem().getClass().getName().getBytes(StandardCharsets.UTF_8))
                    .add("x-exception-message", String.valueOf(record.problem().getMessage())
                            .getBytes(StandardCharsets.UTF_8));
            // The problem's text stays in the header: a parser's message may quote the record, personal data included.
            log.warn("Record at {}-{}@{} is not a message the read model can apply; sent to {}", topic.name(),
                    record.partition(), record.offset(), topic.deadLetterName());
            return kafka.send(letter);
        }).toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(sent).join();
    }

    @Override
    public void destroy() {
        producers.destroy();
    }
}
