package org.rushreg.registration.commands;

import java.time.Duration;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.core.KafkaTemplate;

/** A command log whose broker refuses every send, as an unreachable one does after its timeouts (at once here). */
public final class RefusingCommandLogs {

    private RefusingCommandLogs() {
    }

    public static CommandLog refusingEverySend() {
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
                    @Override
                    public void close() {
                    }

                    @Override
                    public void close(Duration timeout) {
                    }
                };
        producer.sendException = new KafkaException("the broker is not there");
        return new CommandLog(new KafkaTemplate<>(() -> producer),
                new PublishBreakerProperties(50, 4, 2, Duration.ofSeconds(3), Duration.ZERO, Duration.ofSeconds(1)));
    }
}
