package org.rushreg.capacity.stream;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.Topics;

/** Reads registration.decisions from the beginning, at a chosen isolation level, as far as it has got. */
final class OutcomeReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final List<RegistrationOutcome> outcomes = new ArrayList<>();
    private final String bootstrapServers;

    OutcomeReader(String bootstrapServers, String isolationLevel) {
        this.bootstrapServers = bootstrapServers;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        partitions = IntStream.range(0, Burst.PARTITIONS)
                .mapToObj(p -> new TopicPartition(Topics.REGISTRATION_DECISIONS.name(), p)).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Everything read so far, after one more poll. */
    List<RegistrationOutcome> poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            outcomes.add(MessageJson.fromBytes(record.value(), Topics.REGISTRATION_DECISIONS));
        }
        return outcomes;
    }

    /**
     * Everything up to the end of the topic as it is now, every transaction in it finished. A read_committed reader
     * stops at the last stable offset, and that may lag: after a broker is lost, the group's offsets can be committed
     * while the same transaction's markers on a decisions partition whose leader moved are still being written, and
     * a reader that stopped there would miss decisions that are about to be visible. So the end is the log's end
     * (the high watermark, which a read_committed reader passes once every transaction below it has finished).
     */
    List<RegistrationOutcome> readToEnd() {
        Map<TopicPartition, Long> end = logEnds();
        await().atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO).until(() -> {
            poll();
            return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
        });
        return List.copyOf(outcomes);
    }

    private Map<TopicPartition, Long> logEnds() {
        try (KafkaConsumer<String, byte[]> uncommitted = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            return uncommitted.endOffsets(partitions);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    /**
     * Waits until the capacity-service group has committed its position at the end of the command topic: with
     * exactly-once the offsets commit in the same transaction as the decisions, so then every decision is written
     * (and visible once its transaction's markers are: {@link #readToEnd()} waits for them).
     */
    static void awaitAllCommandsDecided(String bootstrapServers, Duration timeout) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, Burst.PARTITIONS).boxed().collect(
                    Collectors.toMap(p -> new TopicPartition(Topics.REGISTRATION_COMMANDS.name(), p),
                            p -> OffsetSpec.latest()));
            await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                        admin.listOffsets(latest).all().get();
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets("capacity-service").partitionsToOffsetAndMetadata().get();
                return ends.entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                        || (committed.get(end.getKey()) != null
                        && committed.get(end.getKey()).offset() >= end.getValue().offset()));
            });
        }
    }
}
