package org.rushreg.deploycheck;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a rendered manifest against the schema of its kind, as the API server would refuse it: Kubernetes' own
 * kinds against fabric8's Kubernetes model, Strimzi's against Strimzi's model classes ({@code io.strimzi:api}),
 * CloudNativePG's against a JSON schema in src/test/resources/cnpg. A field the model does not know, a value of the
 * wrong type (a number where Kubernetes wants a string, or the other way round) and a kind nobody checks are each a
 * problem, named with its path.
 */
final class ManifestSchemas {

    /** apiVersion/kind → the model class it must deserialise into. */
    private static final Map<String, Class<?>> MODELS = Map.of(
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "networking.k8s.io/v1/Ingress", Ingress.class,
            "kafka.strimzi.io/v1/Kafka", Kafka.class,
            "kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class,
            "kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class);

    /** apiVersion/kind → a JSON schema, for operators that publish no Java model. */
    private static final Map<String, String> JSON_SCHEMAS = Map.of(
            "postgresql.cnpg.io/v1/Cluster", "/cnpg/cluster.schema.json",
            "postgresql.cnpg.io/v1/Database", "/cnpg/database.schema.json");

    /**
     * Strict as the API server: no string to number or number to string conversions (Jackson's defaults would turn
     * {@code replicas: "2"} into 2, which Kubernetes refuses), no float as an integer.
     */
    private static final ObjectMapper STRICT = strictMapper();

    private ManifestSchemas() {
    }

    /** What is wrong with the manifest; empty when nothing is. */
    static List<String> problems(JsonNode manifest) {
        String type = manifest.path("apiVersion").asText() + "/" + manifest.path("kind").asText();
        String where = type + " " + manifest.path("metadata").path("name").asText("(no name)");
        List<String> problems = new ArrayList<>();
        if (manifest.path("metadata").path("name").asText().isEmpty()) {
            problems.add(where + ": metadata.name is missing");
        }
        if (MODELS.containsKey(type)) {
            try {
                Object model = STRICT.treeToValue(manifest, MODELS.get(type));
                unknownFields(model, "", problems, Collections.newSetFromMap(new IdentityHashMap<>()));
            } catch (JsonMappingException e) {
                problems.add(path(e) + ": " + e.getOriginalMessage());
            } catch (JsonProcessingException e) {
                problems.add(e.getOriginalMessage());
            }
        } else if (JSON_SCHEMAS.containsKey(type)) {
            schema(JSON_SCHEMAS.get(type)).validate(manifest).forEach(m -> problems.add(m.getMessage()));
        } else {
            problems.add("no schema checks " + type + ": add its model class or JSON schema to ManifestSchemas");
        }
        return problems.stream().map(p -> p.startsWith(where) ? p : where + ": " + p).toList();
    }

    /**
     * The models keep what they do not know in {@code additionalProperties} (so that a client never loses a field);
     * for a manifest we write, anything there is a misspelled or misplaced field.
     */
    private static void unknownFields(Object node, String path, List<String> problems, Set<Object> seen) {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, path + "." + key, problems, seen));
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        String type = node.getClass().getName();
        if (!type.startsWith("io.fabric8.") && !type.startsWith("io.strimzi.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue; // a computed property that needs what the manifest does not have: nothing to check
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
                    problems.add((path.isEmpty() ? "(top level)" : path.substring(1)) + ": unknown field(s) "
                            + unknown.keySet());
                }
                continue;
            }
            String property = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            unknownFields(value, path + "." + property, problems, seen);
        }
    }

    /** Where in the manifest Jackson stopped, as spec.template.spec.containers[0].ports[0]. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
            } else {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(top level)" : path.toString();
    }

    private static JsonSchema schema(String resource) {
        try (InputStream in = ManifestSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema " + resource + " is missing from src/test/resources");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .build();
        for (LogicalType scalar : List.of(LogicalType.Textual, LogicalType.Integer, LogicalType.Float,
                LogicalType.Boolean)) {
            for (CoercionInputShape shape : List.of(CoercionInputShape.String, CoercionInputShape.Integer,
                    CoercionInputShape.Float, CoercionInputShape.Boolean)) {
                // an integer is a number to Kubernetes too
                if (!(scalar == LogicalType.Float && shape == CoercionInputShape.Integer)) {
                    mapper.coercionConfigFor(scalar).setCoercion(shape, CoercionAction.Fail);
                }
            }
        }
        return mapper;
    }
}
