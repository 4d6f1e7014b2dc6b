package org.rushreg.registration.registration;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RegistrationsController {

    private final Registrations registrations;

    RegistrationsController(Registrations registrations) {
        this.registrations = registrations;
    }

    @PostMapping(path = "/api/events/{eventId}/registrations", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> register(@PathVariable String eventId,
                                                 @Valid @RequestBody RegistrationRequest request,
                                                 @RequestHeader(name = "Idempotency-Key", required = false)
                                                 String idempotencyHeader) {
        IdempotencyKey key = IdempotencyKey.ofHeader(idempotencyHeader);
        var accepted = registrations.register(eventId, request, key == null ? null : key.value());
        return ResponseEntity.accepted()
                .location(URI.create("/api/registrations/" + accepted.registrationId()))
                .body(Map.of("registrationId", accepted.registrationId(), "status", "PENDING"));
    }

    @GetMapping("/api/registrations/{registrationId}")
    RegistrationStatusView status(@PathVariable String registrationId) {
        return registrations.status(registrationId);
    }

    @DeleteMapping("/api/registrations/{registrationId}")
    ResponseEntity<Map<String, String>> cancel(@PathVariable String registrationId,
                                               @RequestParam(required = false) String token) {
        registrations.cancel(registrationId, token);
        return ResponseEntity.accepted()
                .location(URI.create("/api/registrations/" + registrationId))
                .body(Map.of("registrationId", registrationId, "cancellation", "REQUESTED"));
    }
}
