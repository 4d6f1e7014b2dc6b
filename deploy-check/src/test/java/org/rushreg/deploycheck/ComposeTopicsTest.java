package org.rushreg.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.TopicDeclaration;
import org.rushreg.messages.TopicDeclarations;
import org.rushreg.messages.Topics;

/**
 * docker-compose.yml's {@code kafka-init} (profile single) and {@code kafka-init-cluster} (profile cluster) create the
 * topics with Kafka's own script (the broker image has no Java of ours); their lines are generated from
 * {@link TopicDeclarations} for one broker and for the cluster of three, and this test fails, printing the lines to
 * paste, when they differ.
 */
class ComposeTopicsTest {

    /** Compose fills it in from the environment, as it does the capacity-service's variable of the same name. */
    static final String RETENTION = "${PERSONAL_DATA_TOPIC_RETENTION_MS:-"
            + TopicDeclarations.PERSONAL_DATA_RETENTION.toMillis() + "}";

    /** {@link TopicDeclarations#segmentOf}: a seventh of the retention, computed by the init script's shell. */
    static final String SEGMENT = "$$((" + RETENTION + "/7))";

    /** The access topic's own, short retention (decision 0050). */
    static final String ACCESS_RETENTION = "${PERSONAL_DATA_ACCESS_TOPIC_RETENTION_MS:-"
            + TopicDeclarations.ACCESS_RETENTION.toMillis() + "}";

    static final String ACCESS_SEGMENT = "$$((" + ACCESS_RETENTION + "/7))";

    @Test
    void kafkaInitCreatesTheDeclaredTopicsForOneBroker() throws IOException {
        assertCreates("kafka-init", TopicDeclarations.Settings.singleBroker());
    }

    @Test
    void kafkaInitClusterCreatesTheDeclaredTopicsForTheClusterOfThree() throws IOException {
        assertCreates("kafka-init-cluster", TopicDeclarations.Settings.cluster());
    }

    private static void assertCreates(String initService, TopicDeclarations.Settings settings) throws IOException {
        List<String> expected = expectedLines(settings);
        assertThat(ComposeFile.load().topicLines(initService)).as("docker-compose.yml's " + initService + " must create "
                + "the topics of TopicDeclarations; put these lines in its script:%n%s%n", expected.stream()
                .map(l -> "        " + l).collect(Collectors.joining("\n"))).isEqualTo(expected);
    }

    @Test
    void theCapacityServiceInComposeCreatesThemWithTheSameRetention() throws IOException {
        ComposeFile compose = ComposeFile.load();
        for (String capacity : List.of("capacity-service", "capacity-service-1", "capacity-service-2")) {
            assertThat(ComposeFile.env(compose.service(capacity), "PERSONAL_DATA_TOPIC_RETENTION_MS")).as(capacity)
                    .isEqualTo(RETENTION);
            assertThat(ComposeFile.env(compose.service(capacity), "PERSONAL_DATA_ACCESS_TOPIC_RETENTION_MS"))
                    .as(capacity).isEqualTo(ACCESS_RETENTION);
        }
    }

    static List<String> expectedLines(TopicDeclarations.Settings settings) {
        List<String> lines = new ArrayList<>();
        for (TopicDeclaration topic : TopicDeclarations.of(settings)) {
            StringBuilder line = new StringBuilder("$$t --topic ").append(topic.name())
                    .append(" --partitions ").append(topic.partitions())
                    .append(" --replication-factor ").append(topic.replicationFactor());
            boolean access = topic.name().startsWith(Topics.PERSONAL_DATA_ACCESS.name());
            for (Map.Entry<String, String> config : topic.configs().entrySet()) {
                String value = switch (config.getKey()) {
                    case TopicDeclarations.RETENTION_MS -> access ? ACCESS_RETENTION : RETENTION;
                    case TopicDeclarations.SEGMENT_MS -> access ? ACCESS_SEGMENT : SEGMENT;
                    default -> config.getValue();
                };
                line.append(" --config ").append(config.getKey()).append('=').append(value);
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
