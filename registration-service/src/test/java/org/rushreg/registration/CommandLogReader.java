package org.rushreg.registration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.RegistrationCommand;
import org.rushreg.messages.Topics;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/** What the service put on the command log, read from the start by a group of its own; everything read is kept. */
public final class CommandLogReader implements AutoCloseable {

    private final Consumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    public CommandLogReader(EmbeddedKafkaBroker broker) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "test-" + UUID.randomUUID(), false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new ByteArrayDeserializer())
                .createConsumer();
        consumer.subscribe(List.of(Topics.REGISTRATION_COMMANDS.name()));
    }

    /** Every record read so far, after one more short poll. */
    public List<ConsumerRecord<String, byte[]>> records() {
        return poll(Duration.ofMillis(200));
    }

    /** Every record read so far, after polling for {@code time} (so that a late record would show up). */
    public List<ConsumerRecord<String, byte[]>> poll(Duration time) {
        consumer.poll(time).forEach(seen::add);
        return List.copyOf(seen);
    }

    /** Every command read so far, after one more short poll. */
    public List<RegistrationCommand> commands() {
        return records().stream().map(r -> MessageJson.fromBytes(r.value(), Topics.REGISTRATION_COMMANDS)).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
