package org.rushreg.capacity.stream;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.rushreg.messages.TopicDeclarations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Creates the system's topics ({@link TopicDeclarations}: the one declaration that the local stack, compose and the
 * Helm chart take too) when they are missing. Kafka Streams creates only its internal topics; the sinks must exist
 * before the first decision is written, and the command topic must have its partitions before the first command,
 * because adding partitions later moves events between partitions. Topics that exist are left as they are.
 */
public final class TopicProvisioning {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioning.class);

    /**
     * {@code capacity.topics.*}: whether to create missing topics, their partition count, replication factor
     * ({@code -1} = the broker's default, which suits a single broker and a cluster alike), {@code min.insync.replicas}
     * ({@code 0} = the broker's default), the retention of the topics that carry personal data and that of the
     * access requests' topic (decision 0050).
     */
    @ConfigurationProperties("capacity.topics")
    public record Settings(String bootstrapServers, boolean create, int partitions, short replicationFactor,
                           int minInSyncReplicas, Duration personalDataRetention, Duration accessRetention,
                           Duration timeout) {

        public Settings {
            partitions = partitions <= 0 ? TopicDeclarations.PARTITIONS : partitions;
            replicationFactor = replicationFactor == 0 ? -1 : replicationFactor;
            personalDataRetention = personalDataRetention == null
                    ? TopicDeclarations.PERSONAL_DATA_RETENTION : personalDataRetention;
            accessRetention = accessRetention == null ? TopicDeclarations.ACCESS_RETENTION : accessRetention;
            timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
        }

        TopicDeclarations.Settings declared() {
            return new TopicDeclarations.Settings(partitions, replicationFactor, minInSyncReplicas,
                    personalDataRetention, accessRetention);
        }
    }

    TopicProvisioning(Settings settings) {
        if (!settings.create()) {
            return;
        }
        List<NewTopic> topics = TopicDeclarations.of(settings.declared()).stream()
                .map(topic -> new NewTopic(topic.name(), Optional.of(topic.partitions()),
                        Optional.of(topic.replicationFactor())).configs(topic.configs()))
                .toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                settings.bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics.stream().filter(topic -> !existing.contains(topic.name())).toList();
            if (missing.isEmpty()) {
                return;
            }
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
                    log.info("Created topic {}", entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka at " + settings.bootstrapServers()
                    + " did not answer while the capacity service checked its topics", e);
        }
    }
}
