package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets a clear 4xx problem document naming what is wrong, never a 5xx and never a 202: here what needs the
 * running service (the catalogue, the body limit, idempotency keys); the rules of the body's fields are
 * {@code registrant.RegistrationValidationTest}'s, a slice without broker or database.
 */
class ApiRefusalsTest extends ServiceTestSupport {

    private static final String REGISTRATIONS = "/api/events/" + EVENT + "/registrations";

    private static void assertProblem(Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("status").asInt()).isEqualTo(status);
        assertThat(answer.json().path("detail").asString()).isNotBlank();
    }

    @Test
    void anUnknownSessionIsRefusedWith400NamingSessionIds() {
        Answer answer = register(registration("no-such-session"));
        assertProblem(answer, 400);
        assertThat(answer.json().path("errors").findValuesAsString("field")).contains("sessionIds");
        assertThat(answer.body()).contains("no-such-session");
    }

    @Test
    void overlappingSessionsAreRefusedWith400() {
        Answer answer = register(registration("panel-housing", "panel-climate"));
        assertProblem(answer, 400);
        assertThat(answer.json().path("errors").findValuesAsString("field")).contains("sessionIds");
    }

    @Test
    void aDayWithOnePanelOfEachSlotIsAccepted() {
        Answer answer = register(registration("day-2", "panel-housing", "panel-revitalisation"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    }

    @Test
    void anUnknownEventIsRefusedWith404() {
        Answer answer = postJson("/api/events/no-such-event/registrations", registration("day-1"), Map.of());
        assertProblem(answer, 404);
        assertThat(get("/api/events/no-such-event").status()).isEqualTo(404);
    }

    @Test
    void theWrongMediaTypeIsRefusedWith415() {
        Answer answer = send("POST", REGISTRATIONS, "text/plain", "firstName=Anna", Map.of());
        assertProblem(answer, 415);
    }

    @Test
    void aTooLargeBodyIsRefusedWith413() {
        Answer answer = register(with(registration("day-1"), "organisation", "x".repeat(20_000)));
        assertProblem(answer, 413);
    }

    @Test
    void anUnknownRegistrationIsA404Problem() {
        assertProblem(get("/api/registrations/00000000-0000-0000-0000-000000000000"), 404);
    }

    @Test
    void unknownRoutesAndMethodsAreProblemsToo() {
        assertProblem(get("/api/nothing-here"), 404);
        assertProblem(send("PUT", "/api/events", "application/json", "{}", Map.of()), 405);
    }

    @Test
    void theSameIdempotencyKeyWithTheSameBodyAnswersTheSameRegistration() {
        var body = registration("day-1");
        String key = UUID.randomUUID().toString();
        Answer first = postJson(REGISTRATIONS, body, Map.of("Idempotency-Key", key));
        Answer again = postJson(REGISTRATIONS, body, Map.of("Idempotency-Key", key));
        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().path("registrationId").asString())
                .isEqualTo(first.json().path("registrationId").asString());
    }

    @Test
    void theSameIdempotencyKeyWithADifferentBodyIsRefusedWith422() {
        var body = registration("day-1");
        String key = UUID.randomUUID().toString();
        assertThat(postJson(REGISTRATIONS, body, Map.of("Idempotency-Key", key)).status()).isEqualTo(202);
        Answer other = postJson(REGISTRATIONS, with(body, "sessionIds", List.of("day-2")),
                Map.of("Idempotency-Key", key));
        assertProblem(other, 422);
        assertThat(other.json().path("errors").findValuesAsString("field")).containsExactly("Idempotency-Key");
    }

    @Test
    void anIdempotencyKeyThatIsTooLongOrNotPrintableAsciiIsRefusedWith400() {
        for (String key : List.of("x".repeat(201), "two words", "tab\tinside")) {
            Answer refused = postJson(REGISTRATIONS, registration("day-1"), Map.of("Idempotency-Key", key));
            assertProblem(refused, 400);
            assertThat(refused.json().path("errors").findValuesAsString("field")).as(key)
                    .containsExactly("Idempotency-Key");
        }
    }
}
