package org.rushreg.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.TopicDeclarations;

/**
 * docker-compose.yml's profiles (decision 0034), checked without a Docker engine: the file against the Compose
 * Specification's schema, and what the profile {@code cluster} promises — three KRaft brokers that form one quorum,
 * with replication 3 and {@code min.insync.replicas} 2 from {@link TopicDeclarations.Settings#cluster()}; two
 * instances of each service on that cluster; a load balancer in front of exactly the registration instances; a
 * healthcheck on every service that keeps running — and that neither profile leans on a service of the other.
 */
class ComposeClusterTest {

    private static final TopicDeclarations.Settings CLUSTER = TopicDeclarations.Settings.cluster();
    private static final List<String> SERVICES = List.of("capacity-service", "registration-service", "notification-service");

    private static ComposeFile compose;

    @BeforeAll
    static void load() throws IOException {
        compose = ComposeFile.load();
    }

    @Test
    void theFileFollowsTheComposeSpecification() throws IOException {
        try (InputStream schema = getClass().getResourceAsStream("/compose/compose-spec.schema.json")) {
            Set<ValidationMessage> problems = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema)
                    .validate(compose.root());
            assertThat(problems).extracting(ValidationMessage::getMessage).isEmpty();
        }
    }

    @Test
    void everyServiceIsInOneProfileOrSharedByBoth() {
        List<String> shared = compose.servicesOf("single").stream()
                .filter(name -> compose.service(name).path("profiles").isMissingNode()).toList();
        assertThat(shared).containsExactlyInAnyOrder("grafana", "mailpit", "postgres", "prometheus");
        compose.root().path("services").fields().forEachRemaining(entry -> assertThat(entry.getValue().path("profiles"))
                .as(entry.getKey()).hasSizeLessThanOrEqualTo(1));
    }

    @Test
    void aProfileDependsOnlyOnServicesItRunsAndPublishesEachHostPortOnce() {
        for (String profile : List.of("single", "cluster")) {
            List<String> running = compose.servicesOf(profile);
            Set<String> published = new HashSet<>();
            for (String name : running) {
                compose.service(name).path("depends_on").fieldNames().forEachRemaining(dependency ->
                        assertThat(running).as("%s (profile %s) depends on %s", name, profile, dependency).contains(dependency));
                for (JsonNode port : compose.service(name).path("ports")) {
                    assertThat(published.add(port.asText())).as("%s publishes %s twice in profile %s", name, port, profile).isTrue();
                }
            }
        }
    }

    @Test
    void threeKraftBrokersFormOneQuorumWithTheClustersReplication() {
        List<String> brokers = brokers();
        assertThat(brokers).containsExactly("kafka-1", "kafka-2", "kafka-3");
        String voters = brokers.stream().map(b -> nodeId(b) + "@" + b + ":9093").collect(Collectors.joining(","));
        Set<String> clusterIds = new HashSet<>();
        Set<String> nodeIds = new HashSet<>();
        for (String broker : brokers) {
            JsonNode service = compose.service(broker);
            nodeIds.add(nodeId(broker));
            clusterIds.add(ComposeFile.env(service, "CLUSTER_ID"));
            assertThat(ComposeFile.env(service, "KAFKA_PROCESS_ROLES")).as(broker).isEqualTo("broker,controller");
            assertThat(ComposeFile.env(service, "KAFKA_CONTROLLER_QUORUM_VOTERS")).as(broker).isEqualTo(voters);
            assertThat(ComposeFile.env(service, "KAFKA_ADVERTISED_LISTENERS")).as(broker).isEqualTo("PLAINTEXT://" + broker + ":9092");
            int replicas = CLUSTER.replicationFactor();
            String minIsr = String.valueOf(CLUSTER.minInSyncReplicas());
            assertThat(ComposeFile.env(service, "KAFKA_DEFAULT_REPLICATION_FACTOR")).as(broker).isEqualTo(String.valueOf(replicas));
            assertThat(ComposeFile.env(service, "KAFKA_MIN_INSYNC_REPLICAS")).as(broker).isEqualTo(minIsr);
            assertThat(ComposeFile.env(service, "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR")).as(broker).isEqualTo(String.valueOf(replicas));
            assertThat(ComposeFile.env(service, "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR")).as(broker).isEqualTo(String.valueOf(replicas));
            assertThat(ComposeFile.env(service, "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR")).as(broker).isEqualTo(minIsr);
            assertThat(service.path("volumes").path(0).asText()).as(broker).startsWith(broker + "-data:");
        }
        assertThat(nodeIds).hasSize(3);
        assertThat(clusterIds).as("one CLUSTER_ID for the three").hasSize(1).doesNotContain("");
        assertThat(compose.service("kafka-init-cluster").path("command").path(0).asText())
                .contains("--bootstrap-server " + String.join(",", bootstrapOf(brokers)));
        brokers.forEach(broker -> assertThat(compose.service("kafka-init-cluster").path("depends_on").path(broker)
                .path("condition").asText()).isEqualTo("service_healthy"));
    }

    @Test
    void twoInstancesOfEachServiceRunOnTheCluster() {
        List<String> bootstrap = bootstrapOf(brokers());
        for (String service : SERVICES) {
            List<String> instances = instancesOf(service);
            assertThat(instances).as(service).containsExactly(service + "-1", service + "-2");
            for (String instance : instances) {
                JsonNode definition = compose.service(instance);
                assertThat(List.of(ComposeFile.env(definition, "KAFKA_BOOTSTRAP_SERVERS").split(","))).as(instance)
                        .containsExactlyInAnyOrderElementsOf(bootstrap);
                assertThat(definition.path("depends_on").path("kafka-init-cluster").path("condition").asText()).as(instance)
                        .isEqualTo("service_completed_successfully");
                // Prometheus scrapes the service by its name in both profiles
                assertThat(definition.path("networks").path("default").path("aliases")).as(instance)
                        .extracting(JsonNode::asText).containsExactly(service);
            }
        }
        List<JsonNode> capacity = instancesOf("capacity-service").stream().map(compose::service).toList();
        assertThat(capacity).extracting(c -> ComposeFile.env(c, "CAPACITY_INSTANCE_ID")).doesNotHaveDuplicates().doesNotContain("");
        assertThat(capacity).extracting(c -> c.path("volumes").path(0).asText().split(":")[0]).doesNotHaveDuplicates();
        assertThat(capacity).allSatisfy(c -> {
            assertThat(ComposeFile.env(c, "CAPACITY_REPLICATION_FACTOR")).isEqualTo(String.valueOf(CLUSTER.replicationFactor()));
            assertThat(ComposeFile.env(c, "CAPACITY_TOPIC_MIN_INSYNC_REPLICAS")).isEqualTo(String.valueOf(CLUSTER.minInSyncReplicas()));
            assertThat(ComposeFile.env(c, "CAPACITY_STANDBY_REPLICAS")).isEqualTo("1");
        });
        assertThat(instancesOf("registration-service")).allSatisfy(r ->
                assertThat(ComposeFile.env(compose.service(r), "FORWARD_HEADERS_STRATEGY")).as(r).isEqualTo("native"));
    }

    @Test
    void prometheusFindsEveryInstanceByTheNameTheInstancesShare() throws IOException {
        JsonNode prometheus = Chart.YAML.readTree(RepositoryFiles.root().resolve("deploy/prometheus/prometheus.yml").toFile());
        List<String> names = new ArrayList<>();
        prometheus.path("scrape_configs").forEach(job -> job.path("dns_sd_configs").forEach(found ->
                found.path("names").forEach(name -> names.add(name.asText()))));
        assertThat(names).containsExactlyInAnyOrderElementsOf(SERVICES);
    }

    @Test
    void theLoadBalancerSendsToExactlyTheRegistrationInstances() throws IOException {
        JsonNode lb = compose.service("registration-lb");
        assertThat(lb.path("image").asText()).startsWith("nginx:");
        assertThat(lb.path("ports")).extracting(JsonNode::asText).containsExactly("127.0.0.1:8080:8080");
        String mount = lb.path("volumes").path(0).asText();
        String config = Files.readString(RepositoryFiles.root().resolve(mount.substring(0, mount.indexOf(':'))));

        Matcher upstream = Pattern.compile("upstream registration \\{([^}]*)}").matcher(config);
        assertThat(upstream.find()).as("an upstream 'registration' in " + mount).isTrue();
        Matcher server = Pattern.compile("server\\s+([\\w.-]+):(\\d+)").matcher(upstream.group(1));
        List<String> servers = new ArrayList<>();
        while (server.find()) {
            servers.add(server.group(1) + ":" + server.group(2));
        }
        List<String> instances = instancesOf("registration-service");
        assertThat(servers).containsExactlyElementsOf(instances.stream().map(i -> i + ":8080").toList());
        assertThat(config).contains("proxy_pass http://registration;", "listen 8080;", "X-Forwarded-For", "proxy_buffering off;");
        instances.forEach(instance -> assertThat(lb.path("depends_on").path(instance).path("condition").asText())
                .isEqualTo("service_healthy"));
    }

    @Test
    void everyServiceThatKeepsRunningHasAHealthcheck() {
        compose.root().path("services").fields().forEachRemaining(entry -> {
            JsonNode service = entry.getValue();
            boolean oneShot = service.path("restart").isMissingNode() && entry.getKey().startsWith("kafka-init");
            if (!oneShot) {
                assertThat(service.path("healthcheck").path("test")).as(entry.getKey() + "'s healthcheck").isNotEmpty();
            }
        });
        for (String service : SERVICES) {
            for (String instance : instancesOf(service)) {
                assertThat(compose.service(instance).path("healthcheck").path("test").toString()).as(instance)
                        .contains("/readyz");
            }
        }
    }

    private static List<String> brokers() {
        return compose.ownServicesOf("cluster").stream()
                .filter(name -> compose.service(name).path("image").asText().startsWith("apache/kafka:"))
                .filter(name -> compose.service(name).path("command").isMissingNode()).sorted().toList();
    }

    private static String nodeId(String broker) {
        return ComposeFile.env(compose.service(broker), "KAFKA_NODE_ID");
    }

    private static List<String> bootstrapOf(List<String> brokers) {
        return brokers.stream().map(b -> b + ":9092").toList();
    }

    private static List<String> instancesOf(String service) {
        return compose.ownServicesOf("cluster").stream()
                .filter(name -> compose.service(name).path("build").asText().equals("./" + service)).sorted().toList();
    }
}
