package org.rushreg.deploycheck;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Helm chart in deploy/helm/rushreg, rendered as {@code helm template} would (helm-java runs Helm's own Go code,
 * shipped in its jar: no helm binary, no cluster), split into its manifests.
 */
final class Chart {

    static final Path DIRECTORY = RepositoryFiles.root().resolve("deploy/helm/rushreg");

    /** Values a user gives at install: only for the tests, the chart has no defaults for secrets. */
    static final Path TEST_VALUES = Path.of("src/test/resources/test-values.yaml").toAbsolutePath();

    static final ObjectMapper YAML = new YAMLMapper();

    private Chart() {
    }

    /** The chart rendered with the test values and {@code overrides} ({@code --set key=value}). */
    static List<JsonNode> render(Map<String, String> overrides) {
        return split(renderText(TEST_VALUES, overrides));
    }

    static String renderText(Path values, Map<String, String> overrides) {
        TemplateCommand template = new Helm(DIRECTORY).template().withName("rushreg").withNamespace("rushreg")
                .withValuesFile(values);
        overrides.forEach(template::set);
        return template.call();
    }

    /** A copy of the chart in {@code dir} whose values.yaml has the test values merged in. */
    static Path withTestValues(Path dir) {
        try {
            Path copy = dir.resolve("rushreg");
            try (var files = Files.walk(DIRECTORY)) {
                for (Path file : files.toList()) {
                    Path target = copy.resolve(DIRECTORY.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
            ObjectNode values = (ObjectNode) YAML.readTree(DIRECTORY.resolve("values.yaml").toFile());
            merge(values, (ObjectNode) YAML.readTree(TEST_VALUES.toFile()));
            YAML.writeValue(copy.resolve("values.yaml").toFile(), values);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        from.fields().forEachRemaining(field -> {
            if (field.getValue() instanceof ObjectNode object && into.get(field.getKey()) instanceof ObjectNode target) {
                merge(target, object);
            } else {
                into.set(field.getKey(), field.getValue());
            }
        });
    }

    static List<JsonNode> split(String manifests) {
        List<JsonNode> documents = new ArrayList<>();
        // A key twice in one mapping: Jackson would keep the last, kubectl refuses the manifest.
        YAMLFactory strict = new YAMLFactory();
        strict.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        try (var parser = strict.createParser(manifests)) {
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode document = it.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the chart rendered a manifest that kubectl would refuse: " + e.getMessage(), e);
        }
        return documents;
    }

    static List<JsonNode> ofKind(List<JsonNode> manifests, String kind) {
        return manifests.stream().filter(m -> kind.equals(m.path("kind").asText())).toList();
    }

    static JsonNode named(List<JsonNode> manifests, String kind, String name) {
        return ofKind(manifests, kind).stream().filter(m -> name.equals(m.path("metadata").path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " rendered"));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
