package org.rushreg.capacity.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.Topics;

/**
 * A broker of three is lost mid-burst (issue 3): replication 3 and {@code min.insync.replicas} 2 everywhere,
 * including the transaction log and the Kafka Streams changelogs.
 *
 * <p>Kafka's own test cluster ({@link KafkaClusterTestKit}) with one KRaft controller and three brokers, not
 * spring-kafka-test's {@code EmbeddedKafkaKraftBroker(3, …)}: that one runs three combined broker+controller nodes,
 * and with Kafka 4.1.2 their KRaft followers died on start here ("Received unexpected invalid request error" in
 * {@code handleUpdateVoterResponse}), leaving no quorum. Separate brokers also make "a broker stopped" mean just
 * that, with the metadata quorum untouched.
 */
class ThreeBrokerClusterTest {

    private static KafkaClusterTestKit cluster;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(false).setNumControllerNodes(1).setNumBrokerNodes(3)
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction()).build())
                .setConfigProp("default.replication.factor", "3")
                .setConfigProp("min.insync.replicas", "2")
                .setConfigProp("offsets.topic.replication.factor", "3")
                .setConfigProp("transaction.state.log.replication.factor", "3")
                .setConfigProp("transaction.state.log.min.isr", "2")
                .setConfigProp("num.partitions", String.valueOf(Burst.PARTITIONS))
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("group.min.session.timeout.ms", "1000")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        // The service's own provisioning, as the Helm chart sets it up (TopicDeclarations for a cluster: replication
        // 3, min.insync.replicas 2, which the brokers' defaults say too).
        new TopicProvisioning(new TopicProvisioning.Settings(cluster.bootstrapServers(), true, Burst.PARTITIONS,
                (short) 3, 2, null, null, null));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    @Test
    void losingOneBrokerOfThreeMidBurstLosesAndDoublesNothing() throws Exception {
        String brokers = cluster.bootstrapServers();
        Burst burst = new Burst("cluster", 240);
        int half = burst.commands.size() / 2;

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers));
             KafkaStreams streams = CapacityInstance.create(brokers, stateDir.toString(),
                     CapacityInstance.FAST_FAILOVER);
             OutcomeReader committed = new OutcomeReader(brokers, "read_committed")) {
            streams.start();
            burst.produce(brokers, 0, half);
            await().atMost(Duration.ofSeconds(120)).until(() -> !committed.poll().isEmpty());
            assertThat(replicationOf(admin, Topics.REGISTRATION_DECISIONS.name())).isEqualTo(3);
            assertThat(replicationOf(admin, "capacity-service-capacity-session-tallies-changelog")).isEqualTo(3);

            // The coordinator of the service's group and transactions' offsets: the broker whose loss hurts most.
            int victim = admin.describeConsumerGroups(List.of("capacity-service")).all().get()
                    .get("capacity-service").coordinator().id();
            cluster.brokers().get(victim).shutdown();
            burst.produce(brokers, half, burst.commands.size());

            OutcomeReader.awaitAllCommandsDecided(brokers, Duration.ofSeconds(180));
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }

        try (OutcomeReader committed = new OutcomeReader(brokers, "read_committed")) {
            List<RegistrationOutcome> outcomes = committed.readToEnd();
            try {
                burst.assertDecidedExactlyOnce(outcomes);
            } catch (AssertionError e) {
                throw new AssertionError(BurstDiagnosis.of(brokers, burst, outcomes), e);
            }
        }
    }

    private static int replicationOf(Admin admin, String topic) throws Exception {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        return description.partitions().get(0).replicas().size();
    }
}
