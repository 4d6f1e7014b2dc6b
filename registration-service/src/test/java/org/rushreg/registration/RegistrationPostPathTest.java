package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The registration POST is answered by a filter when it is plainly valid and by the controller otherwise (decision
 * 0015): both answers carry the same headers, the metrics name the controller's route, and what the filter hands on
 * reaches the controller with its body intact.
 */
class RegistrationPostPathTest extends ServiceTestSupport {

    private static final String REGISTRATIONS = "/api/events/" + EVENT + "/registrations";

    @Test
    void anAcceptedRegistrationCarriesTheSecurityHeadersLocationAndJson() {
        Answer answer = postJson(REGISTRATIONS, registration("day-1"), Map.of("Idempotency-Key", key()));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        assertThat(answer.contentType()).isEqualTo("application/json");
        String id = answer.json().path("registrationId").asString();
        assertThat(answer.json().path("status").asString()).isEqualTo("PENDING");
        var headers = answer.raw().headers();
        assertThat(headers.firstValue("Location")).hasValue("/api/registrations/" + id);
        assertThat(headers.firstValue("Content-Security-Policy")).get().asString().contains("frame-ancestors 'none'");
        assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(headers.firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(headers.firstValue("Cache-Control")).get().asString().contains("no-store");
    }

    @Test
    void theSameRequestWithAnAcceptHeaderOrCharsetTakesTheControllersWayToTheSameAnswer() {
        String key = key();
        String body = JSON.writeValueAsString(registration("day-1"));
        Answer first = postJson(REGISTRATIONS, body, Map.of("Idempotency-Key", key));
        Answer viaController = send("POST", REGISTRATIONS, "application/json;charset=UTF-8", body,
                Map.of("Idempotency-Key", key, "Accept", "application/json, text/plain, */*"));
        assertThat(viaController.status()).as(viaController.body()).isEqualTo(202);
        assertThat(viaController.json().path("registrationId").asString())
                .isEqualTo(first.json().path("registrationId").asString());
        assertThat(viaController.raw().headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    @Test
    void refusalsFromTheRegistrationItselfAreTheControllersProblems() {
        Answer unknownEvent = postJson("/api/events/no-such-event/registrations", registration("day-1"), Map.of());
        assertThat(unknownEvent.status()).as(unknownEvent.body()).isEqualTo(404);
        assertThat(unknownEvent.contentType()).isEqualTo("application/problem+json");
        assertThat(unknownEvent.json().path("instance").asString())
                .isEqualTo("/api/events/no-such-event/registrations");
        assertThat(unknownEvent.raw().headers().firstValue("X-Frame-Options")).hasValue("DENY");

        Answer unknownSession = postJson(REGISTRATIONS, registration("no-such-session"), Map.of());
        assertThat(unknownSession.status()).as(unknownSession.body()).isEqualTo(400);
        assertThat(unknownSession.contentType()).isEqualTo("application/problem+json");
        assertThat(unknownSession.body()).contains("sessionIds");

        String key = key();
        assertThat(postJson(REGISTRATIONS, registration("day-1"), Map.of("Idempotency-Key", key)).status())
                .isEqualTo(202);
        Answer reused = postJson(REGISTRATIONS, registration("day-2"), Map.of("Idempotency-Key", key));
        assertThat(reused.status()).as(reused.body()).isEqualTo(422);
        assertThat(reused.contentType()).isEqualTo("application/problem+json");
        assertThat(reused.json().path("title").asString()).isEqualTo("Idempotency-Key reused");
    }

    @Test
    void theMetricsNameTheControllersRouteAndCountTheRegistrations() {
        assertThat(postJson(REGISTRATIONS, registration("day-1"), Map.of()).status()).isEqualTo(202);
        String metrics = management("/actuator/prometheus").body();
        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"202\"[^}]*"
                + "uri=\"/api/events/\\{eventId}/registrations\"");
        assertThat(metrics).containsPattern("registration_requests_total\\{[^}]*outcome=\"accepted\"");
    }

    @Test
    void theFilterRefusesAMistypedOrHiddenNameAsTheControllerDoesAndTakesLettersOfAnyScript() {
        Answer number = postJson(REGISTRATIONS, with(registration("day-1"), "firstName", 42), Map.of());
        assertThat(number.status()).as(number.body()).isEqualTo(400);
        assertThat(number.contentType()).isEqualTo("application/problem+json");
        assertThat(number.json().path("errors").findValuesAsString("field")).containsExactly("firstName");
        assertThat(number.raw().headers().firstValue("X-Frame-Options")).hasValue("DENY");

        Answer override = postJson(REGISTRATIONS, with(registration("day-1"), "lastName", "Nowak\u202Eeb"), Map.of());
        assertThat(override.status()).as(override.body()).isEqualTo(400);
        assertThat(override.json().path("errors").findValuesAsString("field")).containsExactly("lastName");
        assertThat(override.body()).contains("U+202E");

        Answer letters = postJson(REGISTRATIONS, with(with(registration("day-1"), "firstName", "Zażółć Łukasz"),
                "lastName", "Müller-Lüdenscheidt O'Brien Ивана 山田"), Map.of());
        assertThat(letters.status()).as(letters.body()).isEqualTo(202);
    }

    private static String key() {
        return "path-test-" + UUID.randomUUID();
    }
}
