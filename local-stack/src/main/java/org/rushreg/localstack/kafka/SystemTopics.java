package org.rushreg.localstack.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.rushreg.messages.Topic;
import org.rushreg.messages.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics of the system, as an operator would before deploying: six partitions (the unit of
 * parallelism per event key), one replica on one broker, the seat availability compacted, and a dead-letter
 * topic beside each. Topics that already exist are left as they are, so a restart keeps their data.
 */
public final class SystemTopics {

    public static final int PARTITIONS = 6;

    private static final Logger log = LoggerFactory.getLogger(SystemTopics.class);

    private SystemTopics() {
    }

    public static List<NewTopic> wanted() {
        List<NewTopic> topics = new ArrayList<>();
        for (Topic<?> topic : Topics.ALL) {
            NewTopic main = new NewTopic(topic.name(), PARTITIONS, (short) 1);
            if (topic.equals(Topics.SEAT_AVAILABILITY)) {
                // Only the latest availability per event matters; compaction keeps the topic small forever.
                main.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            topics.add(main);
            topics.add(new NewTopic(topic.deadLetterName(), PARTITIONS, (short) 1));
        }
        return topics;
    }

    public static void createMissing(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted().stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
                log.info("Created topics {}", missing.stream().map(NewTopic::name).toList());
            }
        }
    }
}
