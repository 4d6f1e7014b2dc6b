package org.rushreg.registration.organiser.events;

import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rushreg.messages.EventDefinition;
import org.rushreg.registration.catalogue.EventCatalogue;
import org.rushreg.registration.catalogue.UnknownEventException;
import org.rushreg.registration.web.JsonPaths;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event catalogue for programs: read the definitions, and {@code PUT} one to create or change it (201 or 200).
 * The body is read strictly: an unknown or mistyped field is refused and named, never silently dropped (a typo in
 * {@code capacity} must not become a capacity of 0).
 */
@RestController
@RequestMapping("/api/organiser/events")
class EventsApi {

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final EventCatalogue catalogue;
    private final EventEditor editor;

    EventsApi(EventCatalogue catalogue, EventEditor editor) {
        this.catalogue = catalogue;
        this.editor = editor;
    }

    @GetMapping
    List<EventDefinition> events() {
        return catalogue.all();
    }

    @GetMapping("/{eventId}")
    EventDefinition event(@PathVariable String eventId) {
        return catalogue.find(eventId).orElseThrow(() -> new UnknownEventException(eventId));
    }

    @PutMapping(path = "/{eventId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<EventDefinition> put(@PathVariable String eventId, @RequestBody String body, Principal organiser) {
        EventDefinition event = read(body);
        EventEditor.Saved saved = editor.save(eventId, event, organiser.getName());
        return saved.created()
                ? ResponseEntity.created(URI.create("/api/organiser/events/" + eventId)).body(saved.event())
                : ResponseEntity.ok(saved.event());
    }

    @ExceptionHandler(InvalidEventException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidEventException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid event");
        problem.setType(URI.create("about:blank"));
        problem.setProperty("errors", e.problems().stream()
                .map(p -> Map.of("field", p.field(), "message", p.message())).toList());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static EventDefinition read(String body) {
        JsonNode tree;
        try {
            tree = STRICT.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidEventException(List.of(new EventProblem("body", "json",
                    "is not a JSON document: " + e.getOriginalMessage())));
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidEventException(List.of(new EventProblem("body", "json", "must be a JSON object")));
        }
        List<EventProblem> missing = new ArrayList<>();
        JsonNode sessions = tree.path("sessions");
        for (int i = 0; i < sessions.size(); i++) {
            if (sessions.get(i).isObject() && !sessions.get(i).has("capacity")) {
                missing.add(new EventProblem("sessions[" + i + "].capacity", "required", "is required"));
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidEventException(missing);
        }
        try {
            return STRICT.treeToValue(tree, EventDefinition.class);
        } catch (JacksonException e) {
            throw new InvalidEventException(List.of(new EventProblem(path(e), "type",
                    "has an unknown name or a value of the wrong type: " + e.getOriginalMessage())));
        }
    }

    /** The JSON path of a reading error, written as the other problems name fields: {@code sessions[1].capacity}. */
    private static String path(JacksonException e) {
        String path = JsonPaths.of(e);
        return path.isEmpty() ? "body" : path;
    }
}
