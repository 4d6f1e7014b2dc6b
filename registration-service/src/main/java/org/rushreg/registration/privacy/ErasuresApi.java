package org.rushreg.registration.privacy;

import java.net.URI;
import java.security.Principal;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Erasure of a person on their request (GDPR Art. 17): {@code POST} asks for it (202 with its id, the same for a
 * repeat), {@code GET} says which stores confirmed it. Organisers only (viewers get 403 from the security rules).
 */
@RestController
@RequestMapping("/api/organiser/erasures")
class ErasuresApi {

    record ErasureRequest(String eventId, String email) {
    }

    private final PersonErasures erasures;

    ErasuresApi(PersonErasures erasures) {
        this.erasures = erasures;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> request(@RequestBody ErasureRequest request, Principal organiser) {
        String erasureId = erasures.request(request.eventId(), request.email(), organiser.getName());
        return ResponseEntity.accepted().location(URI.create("/api/organiser/erasures/" + erasureId))
                .body(Map.of("erasureId", erasureId));
    }

    @GetMapping("/{erasureId}")
    PersonErasures.Status status(@PathVariable String erasureId) {
        return erasures.status(erasureId);
    }
}
