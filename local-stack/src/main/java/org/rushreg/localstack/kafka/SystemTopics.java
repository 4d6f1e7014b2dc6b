package org.rushreg.localstack.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.rushreg.messages.TopicDeclarations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics of the system, as an operator would before deploying: as {@link TopicDeclarations} declares
 * them for one broker (one replica, six partitions, the seat availability compacted, a dead-letter topic beside
 * each, a retention on those with personal data: {@code PERSONAL_DATA_TOPIC_RETENTION_MS}, as the capacity service
 * reads it). Topics that already exist are left as they are, so a restart keeps their data.
 */
public final class SystemTopics {

    public static final int PARTITIONS = TopicDeclarations.PARTITIONS;

    /** The same variable the capacity service reads, so that whichever of the two creates a topic agrees. */
    public static final String RETENTION_VARIABLE = "PERSONAL_DATA_TOPIC_RETENTION_MS";

    private static final Logger log = LoggerFactory.getLogger(SystemTopics.class);

    private SystemTopics() {
    }

    public static List<NewTopic> wanted() {
        return wanted(retention(System.getenv(RETENTION_VARIABLE)));
    }

    /** The topics, those with personal data kept for {@code personalDataRetention}. */
    public static List<NewTopic> wanted(Duration personalDataRetention) {
        TopicDeclarations.Settings settings = TopicDeclarations.Settings.singleBroker()
                .withPersonalDataRetention(personalDataRetention);
        return TopicDeclarations.of(settings).stream()
                .map(topic -> new NewTopic(topic.name(), Optional.of(topic.partitions()),
                        Optional.of(topic.replicationFactor())).configs(topic.configs()))
                .toList();
    }

    /** {@value #RETENTION_VARIABLE}'s value, or the declared 7 days where it is blank. */
    public static Duration retention(String millis) {
        if (millis == null || millis.isBlank()) {
            return TopicDeclarations.PERSONAL_DATA_RETENTION;
        }
        try {
            return Duration.ofMillis(Long.parseLong(millis.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(RETENTION_VARIABLE + " must be a number of milliseconds (e.g. "
                    + TopicDeclarations.PERSONAL_DATA_RETENTION.toMillis() + " for 7 days), not '" + millis + "'");
        }
    }

    public static void createMissing(String bootstrapServers) throws Exception {
        createMissing(bootstrapServers, retention(System.getenv(RETENTION_VARIABLE)));
    }

    public static void createMissing(String bootstrapServers, Duration personalDataRetention) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted(personalDataRetention).stream()
                    .filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
                log.info("Created topics {}", missing.stream().map(NewTopic::name).toList());
            }
        }
    }
}
