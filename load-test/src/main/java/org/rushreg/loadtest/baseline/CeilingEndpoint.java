package org.rushreg.loadtest.baseline;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The HTTP ceiling: the same request and answer as the real intake, with nothing done in between. */
@RestController
class CeilingEndpoint {

    @PostMapping(path = "/ceiling/events/{eventId}/registrations", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> register(@PathVariable String eventId, @RequestBody RegistrationBody body,
                                                 @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        String id = UUID.randomUUID().toString();
        return ResponseEntity.accepted().location(URI.create("/api/registrations/" + id))
                .body(Map.of("registrationId", id, "status", "PENDING"));
    }
}
