package org.rushreg.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rushreg.messages.TopicDeclaration;
import org.rushreg.messages.TopicDeclarations;

/**
 * The Helm chart rendered (helm-java: Helm's own code, no cluster) and every manifest checked against the schema of
 * its kind (ManifestSchemas); the chart's KafkaTopics against the one topic declaration; the wiring the services
 * need (probes on their management ports, secrets from Secrets, the capacity-service's instance ids).
 */
class ChartTest {

    private static List<JsonNode> manifests;

    @BeforeAll
    static void render() throws IOException {
        String rendered = Chart.renderText(Chart.TEST_VALUES, Map.of());
        // for a person to read: what the chart makes with the test values
        Files.writeString(Path.of("target/rendered-chart.yaml"), rendered);
        manifests = Chart.split(rendered);
    }

    @Test
    void helmLintFindsNothingWrong(@TempDir Path dir) {
        // helm lint takes no values but the chart's own, which leave the secrets empty: lint a copy given them
        var lint = new Helm(Chart.withTestValues(dir)).lint().strict().call();

        assertThat(lint.getMessages()).as("helm lint --strict").noneMatch(m -> m.contains("[ERROR]")
                || m.contains("[WARNING]"));
        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
    }

    @Test
    void everyRenderedManifestIsValidForItsKind() {
        assertThat(manifests.stream().map(m -> m.path("kind").asText()).distinct())
                .containsExactlyInAnyOrder("Secret", "Service", "Deployment", "StatefulSet", "PodDisruptionBudget",
                        "HorizontalPodAutoscaler", "Ingress", "Kafka", "KafkaNodePool", "KafkaTopic", "Cluster",
                        "Database");

        List<String> problems = manifests.stream().flatMap(m -> ManifestSchemas.problems(m).stream()).toList();

        assertThat(problems).as("problems of the rendered chart").isEmpty();
    }

    @Test
    void aMisspelledFieldOrAWrongTypeIsRefusedWhateverTheKind() {
        // Each of these is a mistake that `helm template` renders without complaint and the cluster would refuse.
        JsonNode deployment = copy(Chart.named(manifests, "Deployment", "rushreg-registration-service"));
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0/ports/0")).set("containerPrt",
                deployment.at("/spec/template/spec/containers/0/ports/0/containerPort"));
        assertThat(ManifestSchemas.problems(deployment)).singleElement().asString()
                .contains("spec.template.spec.containers[0].ports[0]", "containerPrt");

        JsonNode replicasAsText = copy(Chart.named(manifests, "StatefulSet", "rushreg-capacity-service"));
        ((ObjectNode) replicasAsText.at("/spec")).put("replicas", "2");
        assertThat(ManifestSchemas.problems(replicasAsText)).singleElement().asString().contains("spec.replicas:");

        JsonNode portAsNumber = copy(Chart.named(manifests, "Deployment", "rushreg-notification-service"));
        ((ObjectNode) portAsNumber.at("/spec/template/spec/containers/0/env/0")).put("value", 9092);
        assertThat(ManifestSchemas.problems(portAsNumber)).singleElement().asString()
                .contains("spec.template.spec.containers[0].env[0].value:");

        JsonNode topic = copy(Chart.named(manifests, "KafkaTopic", "registration.commands"));
        ((ObjectNode) topic.at("/spec")).put("partitons", 6);
        assertThat(ManifestSchemas.problems(topic)).singleElement().asString().contains("spec", "partitons");

        JsonNode kafka = copy(Chart.ofKind(manifests, "Kafka").get(0));
        ((ObjectNode) kafka.at("/spec/kafka/listeners/0")).put("tsl", false);
        assertThat(ManifestSchemas.problems(kafka)).singleElement().asString().contains("tsl");

        JsonNode cluster = copy(Chart.ofKind(manifests, "Cluster").get(0));
        ((ObjectNode) cluster.at("/spec")).put("instance", 3);
        assertThat(ManifestSchemas.problems(cluster)).singleElement().asString().contains("instance");

        JsonNode database = copy(Chart.ofKind(manifests, "Database").get(0));
        ((ObjectNode) database.at("/spec")).remove("owner");
        assertThat(ManifestSchemas.problems(database)).singleElement().asString().contains("owner");

        JsonNode unknownKind = copy(deployment);
        ((ObjectNode) unknownKind).put("kind", "Deploymnet");
        assertThat(ManifestSchemas.problems(unknownKind)).singleElement().asString().contains("no schema checks");
    }

    @Test
    void aKeyRenderedTwiceInOneMappingIsRefused() {
        assertThatThrownBy(() -> Chart.split("kind: Service\nmetadata:\n  labels:\n    a: x\n    a: y\n"))
                .hasMessageContaining("Duplicate field 'a'");
    }

    @Test
    void theKafkaTopicsAreTheDeclaredTopicsOnAClusterOfThree() {
        assertThat(kafkaTopics(manifests)).isEqualTo(declared(TopicDeclarations.Settings.cluster()));
    }

    @Test
    void theRetentionOfPersonalDataReachesTheTopicsAndTheCapacityService() {
        List<JsonNode> oneDay = Chart.render(Map.of("topics.personalDataRetentionMs", "86400000"));

        assertThat(kafkaTopics(oneDay)).isEqualTo(declared(TopicDeclarations.Settings.cluster()
                .withPersonalDataRetention(Duration.ofDays(1))));
        assertThat(env(Chart.named(oneDay, "StatefulSet", "rushreg-capacity-service")))
                .containsEntry("PERSONAL_DATA_TOPIC_RETENTION_MS", "86400000")
                .containsEntry("CAPACITY_REPLICATION_FACTOR", "3")
                .containsEntry("CAPACITY_TOPIC_MIN_INSYNC_REPLICAS", "2")
                .containsEntry("CAPACITY_TOPIC_PARTITIONS", "6");
    }

    @Test
    void theAccessTopicsRetentionReachesItAndTheCapacityService() {
        List<JsonNode> tenMinutes = Chart.render(Map.of("topics.personalDataAccessRetentionMs", "600000"));

        assertThat(kafkaTopics(tenMinutes)).isEqualTo(declared(TopicDeclarations.Settings.cluster()
                .withAccessRetention(Duration.ofMinutes(10))));
        assertThat(env(Chart.named(tenMinutes, "StatefulSet", "rushreg-capacity-service")))
                .containsEntry("PERSONAL_DATA_ACCESS_TOPIC_RETENTION_MS", "600000");
    }

    @Test
    void everyServiceIsProbedOnItsManagementPort() {
        for (JsonNode workload : workloads()) {
            JsonNode container = workload.at("/spec/template/spec/containers/0");
            Map<String, Integer> ports = new TreeMap<>();
            container.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
            String name = workload.at("/metadata/name").asText();

            assertThat(env(workload)).as(name).containsEntry("MANAGEMENT_PORT", ports.get("management").toString())
                    .containsEntry("SERVER_PORT", ports.get("http").toString());
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(container.at("/" + probe + "/httpGet/port").asText()).as(name + " " + probe)
                        .isEqualTo("management");
            }
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/actuator/health/liveness");
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/actuator/health/readiness");
            assertThat(container.at("/resources/limits/memory").asText()).as(name).isNotEmpty();
            assertThat(container.at("/resources/requests/cpu").asText()).as(name).isNotEmpty();
        }
    }

    @Test
    void secretsComeFromSecretsAndNeverFromTheDeployments() {
        for (JsonNode workload : workloads()) {
            JsonNode env = workload.at("/spec/template/spec/containers/0/env");
            env.forEach(variable -> {
                String name = variable.path("name").asText();
                if (name.contains("SECRET") || name.contains("PASSWORD") || name.endsWith("_KEY")) {
                    assertThat(variable.has("value")).as(workload.at("/metadata/name").asText() + " " + name)
                            .isFalse();
                    assertThat(variable.at("/valueFrom/secretKeyRef/name").asText()).isNotEmpty();
                }
            });
        }
    }

    @Test
    void secretsHaveNoDefaultsTheInstallSaysWhichIsMissing() {
        assertThatThrownBy(() -> Chart.renderText(Chart.DIRECTORY.resolve("values.yaml"), Map.of()))
                .hasMessageContaining("is required");
        assertThatThrownBy(() -> Chart.render(Map.of("secrets.manageLinkSecret", "")))
                .hasMessageContaining("secrets.manageLinkSecret is required");
        assertThatThrownBy(() -> Chart.render(Map.of("secrets.ticketSigningKey", "")))
                .hasMessageContaining("secrets.ticketSigningKey is required");
        assertThatThrownBy(() -> Chart.render(Map.of("secrets.emailDigestKey", "")))
                .hasMessageContaining("secrets.emailDigestKey is required");
        assertThatThrownBy(() -> Chart.render(Map.of("postgres.password", "")))
                .hasMessageContaining("postgres.password is required");
        // Secrets made by the user instead: the chart makes none and the services read those.
        List<JsonNode> own = Chart.render(Map.of("secrets.existingSecret", "my-secrets", "secrets.manageLinkSecret", "", "secrets.emailDigestKey", "", "secrets.ticketSigningKey", "",
                "postgres.existingSecret", "my-database", "postgres.password", ""));
        assertThat(Chart.ofKind(own, "Secret")).isEmpty();
        assertThat(Chart.ofKind(own, "Cluster").get(0).at("/spec/bootstrap/initdb/secret/name").asText())
                .isEqualTo("my-database");
    }

    @Test
    void capacityInstancesAreNamedByTheirPodsForStaticMembership() {
        JsonNode capacity = Chart.named(manifests, "StatefulSet", "rushreg-capacity-service");
        JsonNode instanceId = null;
        for (JsonNode variable : capacity.at("/spec/template/spec/containers/0/env")) {
            if (variable.path("name").asText().equals("CAPACITY_INSTANCE_ID")) {
                instanceId = variable;
            }
        }

        assertThat(instanceId).isNotNull();
        assertThat(instanceId.at("/valueFrom/fieldRef/fieldPath").asText()).isEqualTo("metadata.name");
        assertThat(env(capacity)).containsEntry("CAPACITY_STANDBY_REPLICAS", "1");
    }

    @Test
    void theServicesReachTheOperatorsClusters() {
        JsonNode registration = Chart.named(manifests, "Deployment", "rushreg-registration-service");
        JsonNode notification = Chart.named(manifests, "Deployment", "rushreg-notification-service");

        assertThat(env(registration)).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "rushreg-kafka-kafka-bootstrap:9092")
                .containsEntry("DATABASE_URL", "jdbc:postgresql://rushreg-postgres-rw:5432/registration");
        assertThat(env(notification))
                .containsEntry("DATABASE_URL", "jdbc:postgresql://rushreg-postgres-rw:5432/notification")
                .containsEntry("PUBLIC_URL", "https://rejestracja.example.org");
        assertThat(Chart.ofKind(manifests, "Database").get(0).at("/spec/name").asText()).isEqualTo("notification");
        JsonNode kafka = Chart.ofKind(manifests, "Kafka").get(0);
        assertThat(kafka.at("/spec/kafka/config/min.insync.replicas").asInt()).isEqualTo(2);
        assertThat(kafka.at("/spec/kafka/config/default.replication.factor").asInt()).isEqualTo(3);
        assertThat(Chart.ofKind(manifests, "KafkaNodePool").stream().mapToInt(p -> p.at("/spec/replicas").asInt())
                .sum()).isEqualTo(3);
        assertThat(Chart.named(manifests, "Ingress", "rushreg-registration-service")
                .at("/spec/rules/0/host").asText()).isEqualTo("rejestracja.example.org");
    }

    private static List<JsonNode> workloads() {
        List<JsonNode> workloads = new ArrayList<>(Chart.ofKind(manifests, "Deployment"));
        workloads.addAll(Chart.ofKind(manifests, "StatefulSet"));
        assertThat(workloads).hasSize(3);
        return workloads;
    }

    private static Map<String, String> env(JsonNode workload) {
        Map<String, String> env = new LinkedHashMap<>();
        workload.at("/spec/template/spec/containers/0/env").forEach(v -> {
            if (v.has("value")) {
                env.put(v.path("name").asText(), v.path("value").asText());
            }
        });
        return env;
    }

    /** name → (partitions, replicas, config) of each rendered KafkaTopic, in the form of a declaration. */
    private static List<TopicDeclaration> kafkaTopics(List<JsonNode> rendered) {
        return Chart.ofKind(rendered, "KafkaTopic").stream().map(t -> {
            Map<String, String> config = new TreeMap<>();
            t.at("/spec/config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            String name = t.at("/spec/topicName").asText(t.at("/metadata/name").asText());
            return new TopicDeclaration(name, t.at("/spec/partitions").asInt(), (short) t.at("/spec/replicas").asInt(),
                    config);
        }).sorted(java.util.Comparator.comparing(TopicDeclaration::name)).collect(Collectors.toList());
    }

    private static List<TopicDeclaration> declared(TopicDeclarations.Settings settings) {
        return TopicDeclarations.of(settings).stream().sorted(java.util.Comparator.comparing(TopicDeclaration::name))
                .toList();
    }

    private static JsonNode copy(JsonNode node) {
        return node.deepCopy();
    }
}
