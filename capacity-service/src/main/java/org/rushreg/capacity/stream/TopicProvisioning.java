package org.rushreg.capacity.stream;

import java.time.Duration;
import java.util.ArrayList;
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
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.rushreg.messages.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Creates the topics the capacity service reads and writes when they are missing. Kafka Streams creates only its
 * internal topics; the sinks must exist before the first decision is written, and the command topic must have
 * its partitions before the first command, because adding partitions later moves events between partitions.
 */
public final class TopicProvisioning {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioning.class);

    /**
     * {@code capacity.topics.*}: whether to create missing topics, their partition count and replication factor
     * ({@code -1} = the broker's default, which suits a single broker and a cluster alike).
     */
    @ConfigurationProperties("capacity.topics")
    public record Settings(String bootstrapServers, boolean create, int partitions, short replicationFactor,
                           Duration timeout) {

        public Settings {
            partitions = partitions <= 0 ? 6 : partitions;
            replicationFactor = replicationFactor == 0 ? -1 : replicationFactor;
            timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
        }
    }

    TopicProvisioning(Settings settings) {
        if (!settings.create()) {
            return;
        }
        List<NewTopic> topics = new ArrayList<>();
        Optional<Short> replication = Optional.of(settings.replicationFactor());
        Optional<Integer> partitions = Optional.of(settings.partitions());
        topics.add(new NewTopic(Topics.REGISTRATION_COMMANDS.name(), partitions, replication));
        topics.add(new NewTopic(Topics.REGISTRATION_COMMANDS.deadLetterName(), partitions, replication));
        topics.add(new NewTopic(Topics.REGISTRATION_DECISIONS.name(), partitions, replication));
        topics.add(new NewTopic(Topics.SEAT_AVAILABILITY.name(), partitions, replication)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
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
