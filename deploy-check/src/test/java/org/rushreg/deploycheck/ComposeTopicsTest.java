package org.rushreg.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.TopicDeclaration;
import org.rushreg.messages.TopicDeclarations;

/**
 * docker-compose.yml's {@code kafka-init} creates the topics with Kafka's own script (the broker image has no Java
 * of ours); its lines are generated from {@link TopicDeclarations} for one broker, and this test fails, printing the
 * lines to paste, when they differ.
 */
class ComposeTopicsTest {

    /** Compose fills it in from the environment, as it does the capacity-service's variable of the same name. */
    static final String RETENTION = "${PERSONAL_DATA_TOPIC_RETENTION_MS:-"
            + TopicDeclarations.PERSONAL_DATA_RETENTION.toMillis() + "}";

    @Test
    void kafkaInitCreatesTheDeclaredTopicsForOneBroker() throws IOException {
        JsonNode compose = Chart.YAML.readTree(RepositoryFiles.root().resolve("docker-compose.yml").toFile());
        String script = compose.at("/services/kafka-init/command/0").asText();
        List<String> creates = Arrays.stream(script.split("\n")).map(String::strip)
                .filter(line -> line.startsWith("$$t ")).toList();

        List<String> expected = expectedLines();
        assertThat(creates).as("docker-compose.yml's kafka-init must create the topics of TopicDeclarations; put "
                + "these lines in its script:%n%s%n", expected.stream().map(l -> "        " + l)
                .collect(Collectors.joining("\n"))).isEqualTo(expected);
    }

    @Test
    void theCapacityServiceInComposeCreatesThemWithTheSameRetention() throws IOException {
        JsonNode compose = Chart.YAML.readTree(RepositoryFiles.root().resolve("docker-compose.yml").toFile());

        assertThat(compose.at("/services/capacity-service/environment/PERSONAL_DATA_TOPIC_RETENTION_MS").asText())
                .isEqualTo(RETENTION);
    }

    static List<String> expectedLines() {
        List<String> lines = new ArrayList<>();
        for (TopicDeclaration topic : TopicDeclarations.of(TopicDeclarations.Settings.singleBroker())) {
            StringBuilder line = new StringBuilder("$$t --topic ").append(topic.name())
                    .append(" --partitions ").append(topic.partitions())
                    .append(" --replication-factor ").append(topic.replicationFactor());
            for (Map.Entry<String, String> config : topic.configs().entrySet()) {
                String value = config.getKey().equals(TopicDeclarations.RETENTION_MS) ? RETENTION : config.getValue();
                line.append(" --config ").append(config.getKey()).append('=').append(value);
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
