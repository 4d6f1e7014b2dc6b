package org.rushreg.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml as compose reads it: anchors, aliases and merge keys ({@code <<}) resolved (SnakeYAML does, as
 * compose's own loader; Jackson's YAML reader would leave a key named {@code <<}).
 */
final class ComposeFile {

    private final JsonNode root;

    private ComposeFile(JsonNode root) {
        this.root = root;
    }

    static ComposeFile load() throws IOException {
        try (Reader in = Files.newBufferedReader(RepositoryFiles.root().resolve("docker-compose.yml"))) {
            Map<String, Object> document = new Yaml().load(in);
            return new ComposeFile(new ObjectMapper().valueToTree(document));
        }
    }

    JsonNode root() {
        return root;
    }

    JsonNode service(String name) {
        JsonNode service = root.path("services").path(name);
        if (service.isMissingNode()) {
            throw new AssertionError("docker-compose.yml has no service " + name);
        }
        return service;
    }

    /** The services a profile runs: its own and those of no profile. */
    List<String> servicesOf(String profile) {
        List<String> names = new ArrayList<>();
        root.path("services").fields().forEachRemaining(entry -> {
            JsonNode profiles = entry.getValue().path("profiles");
            boolean in = profiles.isMissingNode();
            for (JsonNode p : profiles) {
                in |= p.asText().equals(profile);
            }
            if (in) {
                names.add(entry.getKey());
            }
        });
        return names;
    }

    /** The services of exactly this profile. */
    List<String> ownServicesOf(String profile) {
        return servicesOf(profile).stream().filter(name -> !service(name).path("profiles").isMissingNode()).toList();
    }

    /** The lines of an init container's script that create a topic ({@code $$t --topic …}). */
    List<String> topicLines(String initService) {
        String script = service(initService).path("command").path(0).asText();
        return script.lines().map(String::strip).filter(line -> line.startsWith("$$t ")).toList();
    }

    static String env(JsonNode service, String name) {
        return service.path("environment").path(name).asText();
    }
}
