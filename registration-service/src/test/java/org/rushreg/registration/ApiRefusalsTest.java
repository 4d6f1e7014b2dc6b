package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear 4xx problem document naming what is wrong, never a 5xx and never a 202. */
class ApiRefusalsTest extends ServiceTestSupport {

    private static final String REGISTRATIONS = "/api/events/" + EVENT + "/registrations";

    private static void assertProblem(Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("status").asInt()).isEqualTo(status);
        assertThat(answer.json().path("detail").asString()).isNotBlank();
    }

    @Test
    void malformedJsonIsRefusedWith400() {
        Answer answer = send("POST", REGISTRATIONS, "application/json", "{not json", Map.of());
        assertProblem(answer, 400);
    }

    @Test
    void missingEmailIsRefusedWith400NamingTheField() {
        Answer answer = register(with(registration("day-1"), "email", ""));
        assertProblem(answer, 400);
        assertThat(answer.json().path("errors").findValuesAsString("field")).contains("email");
    }

    @Test
    void invalidEmailIsRefusedWith400() {
        Answer answer = register(with(registration("day-1"), "email", "not-an-email"));
        assertProblem(answer, 400);
        assertThat(answer.json().path("errors").findValuesAsString("field")).contains("email");
    }

    @Test
    void aRegistrationWithoutSessionsIsRefusedWith400() {
        Answer answer = register(with(registration(), "sessionIds", List.of()));
        assertProblem(answer, 400);
        assertThat(answer.json().path("errors").findValuesAsString("field")).contains("sessionIds");
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
    void refusedPrivacyConsentIsRefusedWith400NamingIt() {
        Answer answer = register(with(registration("day-1"), "consents", Map.of("terms", true, "privacy", false)));
        assertProblem(answer, 400);
        assertThat(answer.json().path("errors").findValuesAsString("field")).contains("consents.privacy");
    }

    @Test
    void controlCharactersInANameAreRefused() {
        Answer answer = register(with(registration("day-1"), "lastName", "Nowak\u0007"));
        assertProblem(answer, 400);
        assertThat(answer.json().path("errors").findValuesAsString("field")).contains("lastName");
    }

    @Test
    void anUnknownLocaleIsRefused() {
        Answer answer = register(with(registration("day-1"), "locale", "de"));
        assertProblem(answer, 400);
        assertThat(answer.json().path("errors").findValuesAsString("field")).contains("locale");
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
    void aBadIdempotencyKeyIsRefused() {
        Answer answer = postJson(REGISTRATIONS, registration("day-1"), Map.of("Idempotency-Key", "x".repeat(300)));
        assertProblem(answer, 400);
    }

    private void assertFieldRefused(Map<String, Object> body, String field) {
        Answer answer = register(body);
        assertProblem(answer, 400);
        assertThat(answer.json().path("errors").findValuesAsString("field")).containsOnly(field);
    }

    @Test
    void anEmailWithMoreThan64CharactersBeforeTheAtIsRefused() {
        assertFieldRefused(with(registration("day-1"), "email", "a".repeat(65) + "@example.org"), "email");
        assertThat(register(with(registration("day-1"), "email",
                "a".repeat(64) + "@" + UUID.randomUUID().toString().substring(0, 8) + ".example.org")).status())
                .isEqualTo(202);
    }

    @Test
    void anEmailLongerThan254CharactersIsRefused() {
        String domain = ("d".repeat(60) + ".").repeat(5) + "org";
        assertFieldRefused(with(registration("day-1"), "email", "anna@" + domain), "email");
    }

    @Test
    void tooLongNamesAndOrganisationsAreRefused() {
        assertFieldRefused(with(registration("day-1"), "firstName", "A".repeat(101)), "firstName");
        assertFieldRefused(with(registration("day-1"), "organisation", "O".repeat(201)), "organisation");
    }

    @Test
    void controlCharactersInTheOrganisationAreRefused() {
        assertFieldRefused(with(registration("day-1"), "organisation", "Urząd\nMiasta"), "organisation");
    }

    @Test
    void moreThanTwentySessionsAreRefused() {
        String[] many = java.util.stream.IntStream.range(0, 21).mapToObj(i -> "s" + i).toArray(String[]::new);
        assertFieldRefused(registration(many), "sessionIds");
    }

    @Test
    void anUnknownSectorIsRefusedAndAKnownOneAccepted() {
        assertFieldRefused(with(registration("day-1"), "sector", "army"), "sector");
        assertThat(register(with(registration("day-1"), "sector", "ngo")).status()).isEqualTo(202);
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
}
