package org.rushreg.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.TopicDeclaration;
import org.rushreg.messages.TopicDeclarations;

/**
 * Every Spring Cloud Stream binding of every service reads or writes a declared topic. A binding without a destination
 * takes its own name as the topic, which the binder then creates: that is how an empty {@code notificationOutcomes}
 * topic appeared at start, from the notification-service's {@code spring.cloud.stream.output-bindings:
 * notificationOutcomes} (its destination was configured for {@code notificationOutcomes-out-0}, a binding of another
 * name). Since then the outcomes are sent with a KafkaTemplate; this keeps such a topic from coming back.
 */
class ServiceBindingsTest {

    private static final List<String> SERVICES =
            List.of("registration-service", "capacity-service", "notification-service");

    private static final Set<String> DECLARED = TopicDeclarations.of(TopicDeclarations.Settings.singleBroker())
            .stream().map(TopicDeclaration::name).collect(Collectors.toSet());

    @Test
    void everyBindingHasADeclaredDestinationAndNoneIsNamedOnlyByItsName() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String service : SERVICES) {
            JsonNode spring = settings(service).path("spring");
            JsonNode stream = spring.path("cloud").path("stream");
            for (String unnamed : List.of("output-bindings", "input-bindings", "source", "sink")) {
                if (stream.has(unnamed)) {
                    problems.add(service + ": spring.cloud.stream." + unnamed + " makes bindings whose topic is their "
                            + "name; send with a KafkaTemplate to a Topics constant, or bind a function with a "
                            + "destination");
                }
            }
            String definition = spring.path("cloud").path("function").path("definition").asText();
            for (String function : definition.split(";")) {
                if (!stream.path("bindings").has(function.strip() + "-in-0")) {
                    problems.add(service + ": function " + function + " has no binding " + function
                            + "-in-0 with a destination, so it would read a topic named after the binding");
                }
            }
            stream.path("bindings").fields().forEachRemaining(binding -> {
                // A binding may read several topics (comma-separated, with multiplex: one consumer for them all).
                for (String destination : binding.getValue().path("destination").asText().split(",")) {
                    if (!DECLARED.contains(destination.strip())) {
                        problems.add(service + ": binding " + binding.getKey() + " reads or writes '"
                                + destination.strip() + "', which TopicDeclarations does not declare");
                    }
                }
            });
            for (JsonNode dlq : stream.path("kafka").findValues("dlq-name")) {
                if (!DECLARED.contains(dlq.asText())) {
                    problems.add(service + ": dead-letter topic '" + dlq.asText() + "' is not declared");
                }
            }
        }

        assertThat(problems).isEmpty();
    }

    private static JsonNode settings(String service) throws IOException {
        return Chart.YAML.readTree(RepositoryFiles.root()
                .resolve(service + "/src/main/resources/application.yml").toFile());
    }
}
