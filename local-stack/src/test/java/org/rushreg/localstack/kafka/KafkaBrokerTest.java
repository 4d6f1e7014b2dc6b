package org.rushreg.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rushreg.localstack.Settings;
import org.rushreg.messages.Topics;

class KafkaBrokerTest {

    @TempDir
    Path dir;

    @Test
    void startsAKraftBrokerWithTheTopicsOfTheSystemAndKeepsThemAcrossARestart() throws Exception {
        Settings ports = Settings.onFreePorts(dir, dir);
        try (KafkaBroker broker = new KafkaBroker(dir.resolve("kafka"), ports.kafkaPort(), ports.kafkaControllerPort())) {
            broker.start();
            SystemTopics.createMissing(broker.bootstrapServers());
            assertTopics(broker.bootstrapServers());
            // transactions need the one-replica transaction log: the capacity service writes exactly once
            sendInATransaction(broker.bootstrapServers());
        }
        try (KafkaBroker again = new KafkaBroker(dir.resolve("kafka"), ports.kafkaPort(), ports.kafkaControllerPort())) {
            again.start();
            SystemTopics.createMissing(again.bootstrapServers());
            assertTopics(again.bootstrapServers());
        }
    }

    @Test
    void aBrokerOfATinyRetentionLooksForWhatToForgetAsOftenAndOneOfTheDefaultAsAnyBroker() {
        assertThat(KafkaBroker.checks(Duration.ofSeconds(4))).containsOnly(
                Map.entry("log.retention.check.interval.ms", "4000"), Map.entry("log.cleaner.backoff.ms", "4000"));
        assertThat(KafkaBroker.checks(Duration.ofDays(7))).containsOnly(
                Map.entry("log.retention.check.interval.ms", "300000"), Map.entry("log.cleaner.backoff.ms", "15000"));
    }

    private static void assertTopics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<String> names = SystemTopics.wanted().stream().map(NewTopic::name).toList();
            assertThat(names).hasSize(2 * Topics.ALL.size()).contains("seat.availability", "registration.commands.dlq");
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(SystemTopics.PARTITIONS));

            ConfigResource availability = new ConfigResource(ConfigResource.Type.TOPIC, Topics.SEAT_AVAILABILITY.name());
            ConfigResource commands = new ConfigResource(ConfigResource.Type.TOPIC, Topics.REGISTRATION_COMMANDS.name());
            Map<ConfigResource, Config> configs = admin.describeConfigs(Set.of(availability, commands)).all().get(30, TimeUnit.SECONDS);
            assertThat(configs.get(availability).get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(configs.get(commands).get("cleanup.policy").value()).isEqualTo("delete");
            // declared, not the broker's default: a topic with personal data keeps it for a known time
            assertThat(configs.get(commands).get("retention.ms").source())
                    .isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
            assertThat(configs.get(commands).get("retention.ms").value()).isEqualTo("604800000");
            assertThat(configs.get(commands).get("segment.ms").value()).as("a day: gone within 8").isEqualTo("86400000");
        }
    }

    private static void sendInATransaction(String bootstrap) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "local-stack-test",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.REGISTRATION_COMMANDS.name(), "event", "{}"));
            producer.commitTransaction();
        }
    }
}
