package org.rushreg.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rushreg.localstack.Settings;
import org.rushreg.messages.Topics;

/**
 * A static member whose process died holds its partitions until its session times out; removed by the supervisor
 * that saw it die, the other member gets them at once.
 */
class DeadMembersTest {

    private static final String GROUP = "dead-members-test";
    private static final Duration SESSION = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    @Test
    void theOtherMemberGetsADeadStaticMembersPartitionsAtOnceWhenItIsRemoved() throws Exception {
        Settings ports = Settings.onFreePorts(dir, dir);
        try (KafkaBroker broker = new KafkaBroker(dir.resolve("kafka"), ports.kafkaPort(), ports.kafkaControllerPort())) {
            broker.start();
            SystemTopics.createMissing(broker.bootstrapServers());
            String topic = Topics.REGISTRATION_COMMANDS.name();

            KafkaConsumer<String, String> dead = member(broker.bootstrapServers(), "capacity-service-2-1");
            dead.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                dead.poll(Duration.ofMillis(100));
                return dead.assignment().size() == SystemTopics.PARTITIONS;
            });
            // A static member leaves no group on close: to the coordinator this is a process that died.
            dead.close(Duration.ZERO);

            try (KafkaConsumer<String, String> survivor = member(broker.bootstrapServers(), "capacity-service-1-1")) {
                survivor.subscribe(List.of(topic));
                survivor.poll(Duration.ofMillis(500));
                DeadMembers.remove(broker.bootstrapServers(), GROUP, "capacity-service-2");

                // Well before the dead member's session would end.
                await("all partitions with the survivor").atMost(SESSION.dividedBy(3)).until(() -> {
                    survivor.poll(Duration.ofMillis(100));
                    return survivor.assignment().size() == SystemTopics.PARTITIONS;
                });
                assertThat(survivor.assignment()).contains(new TopicPartition(topic, 0));

                // A member removed already: nothing to do, the group is left as it is.
                DeadMembers.remove(broker.bootstrapServers(), GROUP, "capacity-service-2");
                survivor.poll(Duration.ofMillis(500));
                assertThat(survivor.assignment()).hasSize(SystemTopics.PARTITIONS);
            }
        }
    }

    private static KafkaConsumer<String, String> member(String bootstrap, String instanceId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) SESSION.toMillis());
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }
}
