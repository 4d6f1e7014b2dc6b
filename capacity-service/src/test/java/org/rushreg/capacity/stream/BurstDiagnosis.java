package org.rushreg.capacity.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.RegisterAttendee;
import org.rushreg.messages.RegistrationCommand;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.Topics;

/**
 * What the broker holds about registrations whose decision a read_committed reader did not see: where their
 * commands are, whether a decision of theirs is on the log at all (aborted or not), what went to the dead-letter
 * topic, and where each partition's log starts. Attached to a failed burst assertion, so that a rare failure
 * explains itself.
 */
final class BurstDiagnosis {

    private BurstDiagnosis() {
    }

    static String of(String brokers, Burst burst, List<RegistrationOutcome> committed) {
        Set<String> decided = committed.stream().filter(RegistrationDecided.class::isInstance)
                .map(RegistrationOutcome::registrationId).collect(Collectors.toSet());
        List<String> missing = burst.registrationIds.stream().filter(id -> !decided.contains(id)).toList();
        if (missing.isEmpty()) {
            return "every registration has a committed decision";
        }
        StringBuilder out = new StringBuilder("registrations without a committed decision: " + missing + "\n");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            for (String topic : List.of(Topics.REGISTRATION_COMMANDS.name(), Topics.REGISTRATION_DECISIONS.name(),
                    Topics.REGISTRATION_COMMANDS.deadLetterName())) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
                Map<TopicPartition, Long> start = new TreeMap<>(Comparator.comparing(TopicPartition::partition));
                start.putAll(consumer.beginningOffsets(partitions));
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                out.append(topic).append(": log start / end ");
                start.forEach((p, offset) -> out.append(p.partition()).append('=').append(offset).append('/')
                        .append(end.get(p)).append(' '));
                out.append('\n');
                for (ConsumerRecord<String, byte[]> record : readAll(consumer, partitions, end)) {
                    String id = registrationIdOf(topic, record);
                    if (id != null && missing.contains(id)) {
                        out.append("  ").append(id).append(" at ").append(topic).append('-')
                                .append(record.partition()).append('@').append(record.offset()).append('\n');
                    }
                }
            }
        } catch (RuntimeException e) {
            out.append("diagnosis failed: ").append(e);
        }
        return out.toString();
    }

    private static String registrationIdOf(String topic, ConsumerRecord<String, byte[]> record) {
        if (topic.equals(Topics.REGISTRATION_DECISIONS.name())) {
            return record.key();
        }
        try {
            RegistrationCommand command = MessageJson.fromBytes(record.value(), Topics.REGISTRATION_COMMANDS);
            return command instanceof RegisterAttendee register ? register.registrationId() : null;
        } catch (RuntimeException e) {
            return "unreadable";
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(KafkaConsumer<String, byte[]> consumer,
                                                               List<TopicPartition> partitions,
                                                               Map<TopicPartition, Long> end) {
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }
}
