package org.rushreg.registration.registrant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RegistrationsController {

    private static final String REQUEST_EXAMPLE = """
            {"firstName":"Anna","lastName":"Nowak","email":"anna.nowak@example.org",
             "organisation":"Urząd Miasta Krakowa","sector":"local-government","sessionIds":["day-1","day-2"],
             "locale":"pl","consents":{"terms":true,"privacy":true,"newsletter":false}}""";

    private final Registrations registrations;

    RegistrationsController(Registrations registrations) {
        this.registrations = registrations;
    }

    @Operation(summary = "Register for sessions of an event",
            description = "Answered after the broker has the command: a 202 is a promise that it will be decided. "
                    + "Follow Location for the decision. Errors are application/problem+json; validation problems "
                    + "name each field in `errors`.")
    @ApiResponse(responseCode = "202", description = "Accepted, PENDING", content = @Content(
            examples = @ExampleObject(value = "{\"registrationId\":\"6089e094-814c-4200-ace6-8189f8e17786\","
                    + "\"status\":\"PENDING\"}")))
    @ApiResponse(responseCode = "400", description = "Invalid fields or session choice", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(value = "{\"type\":\"about:blank\","
                    + "\"title\":\"Invalid registration\",\"status\":400,\"detail\":\"The request has invalid "
                    + "fields: email\",\"errors\":[{\"field\":\"email\",\"message\":\"must be a well-formed "
                    + "email address\"}]}")))
    @ApiResponse(responseCode = "404", description = "Unknown event", content = @Content(
            mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "413", description = "Body larger than the limit", content = @Content(
            mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "415", description = "Not application/json", content = @Content(
            mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used before with a different body",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "429", description = "Too many registrations from this client; see Retry-After",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "The broker cannot take the command now; nothing was "
            + "registered; see Retry-After", content = @Content(mediaType = "application/problem+json"))
    @PostMapping(path = "/api/events/{eventId}/registrations", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> register(@PathVariable String eventId,
                                                 @io.swagger.v3.oas.annotations.parameters.RequestBody(content =
                                                 @Content(examples = @ExampleObject(value = REQUEST_EXAMPLE)))
                                                 @Valid @RequestBody RegistrationRequest request,
                                                 @RequestHeader(name = "Idempotency-Key", required = false)
                                                 String idempotencyHeader) {
        IdempotencyKey key = IdempotencyKey.ofHeader(idempotencyHeader);
        var accepted = registrations.register(eventId, request, key == null ? null : key.value());
        return ResponseEntity.accepted()
                .location(URI.create("/api/registrations/" + accepted.registrationId()))
                .body(Map.of("registrationId", accepted.registrationId(), "status", "PENDING"));
    }

    @Operation(summary = "The status of a registration", description = "No personal data. `status` is PENDING, "
            + "CONFIRMED, WAITLISTED, REJECTED (with `reason` ALREADY_REGISTERED, FULL or REGISTRATION_CLOSED) or "
            + "CANCELLED. With PUBLIC_STATUS_HIDES_DUPLICATES=true a second registration of an address already "
            + "registered for the event shows instead as RECEIVED, without sessions or reason: only that the request "
            + "was received and an email was sent to the address.")
    @GetMapping("/api/registrations/{registrationId}")
    RegistrationStatusView status(@PathVariable String registrationId) {
        return registrations.status(registrationId);
    }

    /** The body of a change of sessions: the complete new choice. */
    record SessionChoice(@NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 100) String> sessionIds) {
    }

    @Operation(summary = "Change the sessions of a registration",
            description = "With the token of the emailed manage link. The body is the complete new choice: seats of "
                    + "sessions still chosen are kept, the others are given back (the waitlist moves up), new ones "
                    + "are decided as for a new registration. Answered 202 once the broker has the command; the "
                    + "result shows in GET /api/registrations/{id} and is emailed. Refused by the capacity "
                    + "service, changing nothing, when registration has closed, when the registration is no "
                    + "longer active, or when it would leave no seat or waitlist place.")
    @ApiResponse(responseCode = "202", description = "The change was requested", content = @Content(
            examples = @ExampleObject(value = "{\"registrationId\":\"6089e094-814c-4200-ace6-8189f8e17786\","
                    + "\"change\":\"REQUESTED\",\"changeId\":\"0d1f6c2e-58c4-4f0a-9a53-1f1a3c3b8d11\"}")))
    @ApiResponse(responseCode = "400", description = "No session, an unknown one, or sessions at the same time",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "A forged or expired token", content = @Content(
            mediaType = "application/problem+json"))
    @PutMapping(path = "/api/registrations/{registrationId}/sessions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> changeSessions(@PathVariable String registrationId,
                                                       @RequestParam(required = false) String token,
                                                       @io.swagger.v3.oas.annotations.parameters.RequestBody(
                                                               content = @Content(examples = @ExampleObject(
                                                                       value = "{\"sessionIds\":[\"day-1\"]}")))
                                                       @Valid @RequestBody SessionChoice choice) {
        String changeId = registrations.changeSessions(registrationId, token, choice.sessionIds());
        return ResponseEntity.accepted()
                .location(URI.create("/api/registrations/" + registrationId))
                .body(Map.of("registrationId", registrationId, "change", "REQUESTED", "changeId", changeId));
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
