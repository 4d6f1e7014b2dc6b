package org.rushreg.capacity.stream;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.RegistrationCommand;
import org.rushreg.messages.Topics;

/** Commands put on {@code registration.commands} as the registration-service does: keyed by event, acks all. */
final class Commands {

    private Commands() {
    }

    static void send(String brokers, RegistrationCommand... commands) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (RegistrationCommand command : commands) {
                producer.send(new ProducerRecord<>(Topics.REGISTRATION_COMMANDS.name(), command.eventId(),
                        MessageJson.toBytes(command)));
            }
            producer.flush();
        }
    }
}
