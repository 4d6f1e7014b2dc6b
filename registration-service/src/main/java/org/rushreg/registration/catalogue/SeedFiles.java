package org.rushreg.registration.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.SessionDefinition;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads the event definitions the catalogue is seeded with: readable YAML files an organiser can edit. */
@Component
class SeedFiles {

    // Strict on purpose: a typo in a seed file must stop the start, not silently drop a field.
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final ResourcePatternResolver resources;
    private final CatalogueProperties properties;

    SeedFiles(ResourcePatternResolver resources, CatalogueProperties properties) {
        this.resources = resources;
        this.properties = properties;
    }

    List<EventDefinition> read() {
        Resource[] found;
        try {
            found = resources.getResources(properties.seed());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the catalogue seed files " + properties.seed(), e);
        }
        List<EventDefinition> events = new ArrayList<>();
        Arrays.stream(found).sorted(Comparator.comparing(Resource::getDescription)).forEach(r -> events.add(read(r)));
        return events;
    }

    private static EventDefinition read(Resource resource) {
        EventDefinition event;
        try (InputStream in = resource.getInputStream()) {
            event = YAML.readValue(in, EventDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read catalogue seed file " + resource.getDescription(), e);
        } catch (JacksonException e) {
            throw new IllegalStateException("Catalogue seed file " + resource.getDescription() + " is not a valid event: "
                    + e.getOriginalMessage(), e);
        }
        check(event, resource);
        return event;
    }

    private static void check(EventDefinition event, Resource resource) {
        String where = "Catalogue seed file " + resource.getDescription() + ": ";
        if (event.id() == null || event.id().isBlank() || event.name() == null || event.timeZone() == null
                || event.startsOn() == null || event.endsOn() == null) {
            throw new IllegalStateException(where + "id, name, timeZone, startsOn and endsOn are required");
        }
        java.time.ZoneId.of(event.timeZone());
        if (event.sessions().isEmpty()) {
            throw new IllegalStateException(where + "an event needs at least one session");
        }
        var ids = new HashSet<String>();
        for (SessionDefinition s : event.sessions()) {
            if (s.id() == null || s.title() == null || s.startsAt() == null || s.endsAt() == null
                    || !s.startsAt().isBefore(s.endsAt()) || s.capacity() < 0 || !ids.add(s.id())) {
                throw new IllegalStateException(where + "session " + s.id()
                        + " needs a unique id, a title, startsAt before endsAt and a capacity of 0 or more");
            }
        }
    }
}
