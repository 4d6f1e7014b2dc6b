package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.rushreg.messages.ManageToken;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** The registrant's pages: they render in both languages, refuse what the API refuses, and are protected. */
class WebPagesTest extends ServiceTestSupport {

    private static final String FORM = "/events/" + EVENT;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    /** A GET through MockMvc (the inherited {@code get} goes over HTTP). */
    private static MockHttpServletRequestBuilder page(String path) {
        return MockMvcRequestBuilders.get(path);
    }

    private static MockHttpServletRequestBuilder validForm(String email) {
        return validForm(email, "Nowak");
    }

    private static MockHttpServletRequestBuilder validForm(String email, String lastName) {
        return post(FORM).with(csrf())
                .param("firstName", "Anna").param("lastName", lastName).param("email", email)
                .param("organisation", "Urząd Miasta Krakowa").param("sector", "local-government")
                .param("sessionIds", "day-1", "walk-revitalisation")
                .param("terms", "true").param("privacy", "true").param("newsletter", "true");
    }

    private static String uniqueEmail() {
        return "anna." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    @Test
    void theHomePageListsTheOpenEvent() throws Exception {
        var page = perform(page("/"));
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains("IV Kongres Polityki Miejskiej i Regionalnej")
                .contains("href=\"/events/kongres-2024\"");
    }

    @Test
    void theFormIsPolishByDefaultWithSessionsGroupedByDay() throws Exception {
        var page = perform(page(FORM));
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains("<html lang=\"pl\"").contains("Formularz rejestracji")
                .contains("<label for=\"firstName\">").contains("poniedziałek, 7 października 2024")
                .contains("wtorek, 8 października 2024").contains("wolnych miejsc: 120")
                .contains("name=\"_csrf\"").contains("(wersja 2024-06-01)")
                .contains("href=\"/events/kongres-2024?lang=en\"");
    }

    @Test
    void eachLanguageReadsTheSessionTitlesAndDescriptionsInItsOwn() throws Exception {
        String polish = perform(page(FORM).param("lang", "pl")).getContentAsString();
        String english = perform(page(FORM).param("lang", "en")).getContentAsString();

        assertThat(polish).contains("<span>Dzień 1 — sesje plenarne i panele tematyczne</span>",
                        "<span>Panel: mieszkalnictwo</span>",
                        "Otwarcie kongresu, sesje plenarne i panele tematyczne w CFK_13.",
                        "Dwa dni o polityce miejskiej i regionalnej")
                .doesNotContain("Day 1 — plenary sessions", "/ Day 1", "Two days on urban");
        assertThat(english).contains("<span>Day 1 — plenary sessions and thematic panels</span>",
                        "<span>Panel: housing</span>",
                        "Opening of the congress, plenary sessions and thematic panels at CFK_13.",
                        "Two days on urban and regional policy")
                .doesNotContain("Dzień 1 — sesje plenarne", "Otwarcie kongresu")
                // The description is tied to its checkbox for screen readers.
                .contains("aria-describedby=\"session-day-1-description\"");
    }

    @Test
    void theFormIsEnglishOnTheSwitch() throws Exception {
        var page = perform(page(FORM).param("lang", "en"));
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains("<html lang=\"en\"").contains("Registration form")
                .contains("Monday, 7 October 2024").contains("120 seats left").contains("local government");
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        for (String path : new String[] {FORM, "/api/events"}) {
            var page = perform(page(path));
            String csp = page.getHeader("Content-Security-Policy");
            assertThat(csp).contains("default-src 'self'").contains("script-src 'self'")
                    .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(page.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(page.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(page.getHeader("X-Frame-Options")).isEqualTo("DENY");
        }
        assertThat(perform(page(FORM)).getContentAsString()).doesNotContainPattern("<script(?![^>]*\\bsrc=)");
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefusedWith403() throws Exception {
        String email = uniqueEmail();
        var answer = perform(post(FORM).param("firstName", "Anna").param("lastName", "Nowak").param("email", email)
                .param("sessionIds", "day-1").param("terms", "true").param("privacy", "true"));
        assertThat(answer.getStatus()).isEqualTo(403);
        assertThat(registrationsWith(email)).isZero();
    }

    @Test
    void aValidFormRegistersAndRedirectsToTheStatusPage() throws Exception {
        String email = uniqueEmail();
        var answer = perform(validForm(email));
        assertThat(answer.getStatus()).isEqualTo(302);
        assertThat(answer.getRedirectedUrl()).matches("/registrations/[0-9a-f-]{36}");
        awaitRecorded(answer.getRedirectedUrl().substring("/registrations/".length()));
        var stored = jdbc.sql("select sector, terms_version, privacy_version, optional_consent, locale "
                        + "from registrations where email = :email")
                .param("email", email).query().singleRow();
        assertThat(stored).containsEntry("sector", "local-government").containsEntry("terms_version", "2024-06-01")
                .containsEntry("privacy_version", "2024-06-01").containsEntry("optional_consent", true)
                .containsEntry("locale", "pl");

        var status = perform(page(answer.getRedirectedUrl()));
        assertThat(status.getStatus()).isEqualTo(200);
        assertThat(status.getContentAsString()).contains("czeka na decyzję").contains("sse-connect=\""
                + answer.getRedirectedUrl() + "/events\"").contains("Odśwież stan").contains("<noscript>")
                .doesNotContain("Nowak").doesNotContain(email);
    }

    @Test
    void theSameSubmissionTwiceIsOneRegistration() throws Exception {
        String email = uniqueEmail();
        String submission = UUID.randomUUID().toString();
        var first = perform(validForm(email).param("submission", submission));
        var second = perform(validForm(email).param("submission", submission));
        assertThat(second.getRedirectedUrl()).isEqualTo(first.getRedirectedUrl());
        awaitRecorded(first.getRedirectedUrl().substring("/registrations/".length()));
        assertThat(registrationsWith(email)).isEqualTo(1);
    }

    @Test
    void anInvalidFormListsItsErrorsAtTheTopLinkedToTheFieldsAndKeepsTheValues() throws Exception {
        var answer = perform(post(FORM).with(csrf()).param("firstName", "Anna").param("lastName", "Nowak\u0007")
                .param("email", "x".repeat(65) + "@example.org").param("organisation", "Urząd")
                .param("sessionIds", "panel-housing", "panel-climate").param("terms", "true"));
        assertThat(answer.getStatus()).isEqualTo(400);
        String html = answer.getContentAsString();
        assertThat(html).contains("id=\"error-summary\"").contains("role=\"alert\"")
                .contains("<a href=\"#lastName\">").contains("<a href=\"#email\">").contains("<a href=\"#privacy\">")
                .doesNotContain("<a href=\"#firstName\">").doesNotContain("<a href=\"#terms\">")
                .contains("aria-describedby=\"email-hint email-error\"").contains("id=\"email-error\"")
                .contains("aria-describedby=\"lastName-error\"").contains("value=\"Anna\"")
                .contains("value=\"Urząd\"");
        // The session choice is checked by the service after the fields: fix the fields, and it is named.
        var overlapping = perform(validForm(uniqueEmail()).param("sessionIds", "panel-housing", "panel-climate"));
        assertThat(overlapping.getStatus()).isEqualTo(400);
        assertThat(overlapping.getContentAsString()).contains("<a href=\"#sessionIds\">")
                .contains("aria-describedby=\"sessionIds-error\"");
    }

    @Test
    void aFilledHoneypotIsRefusedWith400AndNothingIsRegistered() throws Exception {
        String email = uniqueEmail();
        var answer = perform(validForm(email).param("website", "http://spam.example"));
        assertThat(answer.getStatus()).isEqualTo(400);
        assertThat(answer.getContentAsString()).contains("Nie przyjęliśmy zgłoszenia");
        assertThat(registrationsWith(email)).isZero();
    }

    @Test
    void theStatusAndManagePagesNameTheSessionsInTheReadersLanguage() throws Exception {
        String id = perform(validForm(uniqueEmail())).getRedirectedUrl().substring("/registrations/".length());
        awaitRecorded(id);
        String token = new ManageToken(SECRET).sign(id, Instant.now().plusSeconds(3600));

        assertThat(perform(page("/registrations/" + id).param("lang", "en")).getContentAsString())
                .contains("Study walk: revitalisation of Zabłocie").doesNotContain("Spacer studyjny");
        assertThat(perform(page("/registrations/" + id).param("lang", "pl")).getContentAsString())
                .contains("Spacer studyjny: rewitalizacja Zabłocia").doesNotContain("Study walk");
        assertThat(perform(page("/registrations/" + id + "/manage").param("token", token).param("lang", "en"))
                .getContentAsString()).contains("Study walk: revitalisation of Zabłocie")
                .doesNotContain("Spacer studyjny");
    }

    @Test
    void theManagePageNeedsAValidTokenAndCancelsWithCsrf() throws Exception {
        String email = uniqueEmail();
        String id = perform(validForm(email)).getRedirectedUrl().substring("/registrations/".length());
        awaitRecorded(id);
        String token = new ManageToken(SECRET).sign(id, Instant.now().plusSeconds(3600));

        var page = perform(page("/registrations/" + id + "/manage").param("token", token));
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains("Anna Nowak").contains("Anuluj moją rejestrację")
                .contains("name=\"_csrf\"");

        var forged = perform(page("/registrations/" + id + "/manage").param("token", "123.forged"));
        assertThat(forged.getStatus()).isEqualTo(403);
        assertThat(forged.getContentAsString()).contains("Link jest nieważny").doesNotContain("Anna Nowak");
        String expired = new ManageToken(SECRET).sign(id, Instant.now().minusSeconds(60));
        assertThat(perform(page("/registrations/" + id + "/manage").param("token", expired)).getStatus())
                .isEqualTo(403);

        assertThat(perform(post("/registrations/" + id + "/cancel").param("token", token)).getStatus())
                .isEqualTo(403);
        assertThat(perform(post("/registrations/" + id + "/cancel").with(csrf()).param("token", "1.forged"))
                .getStatus()).isEqualTo(403);
        var cancelled = perform(post("/registrations/" + id + "/cancel").with(csrf()).param("token", token));
        assertThat(cancelled.getStatus()).isEqualTo(302);
        assertThat(cancelled.getRedirectedUrl()).isEqualTo("/registrations/" + id + "?cancel=requested");
        assertThat(perform(page(cancelled.getRedirectedUrl())).getContentAsString())
                .contains("Przyjęliśmy prośbę o anulowanie");
    }

    @Test
    void unknownPagesAreA404Page() throws Exception {
        var page = perform(page("/events/no-such-event").accept("text/html"));
        assertThat(page.getStatus()).isEqualTo(404);
        assertThat(page.getContentAsString()).contains("Nie ma takiej strony");
    }

    @Test
    void theStatusStreamStartsWithTheCurrentStatus() throws Exception {
        String id = perform(validForm(uniqueEmail())).getRedirectedUrl().substring("/registrations/".length());
        HttpClient http = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response = http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/registrations/" + id + "/events"))
                        .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofLines());
        var answer = response.get(30, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/event-stream"));
        Iterator<String> lines = answer.body().iterator();
        assertThat(lines.next()).isEqualTo("event:status");
        assertThat(lines.next()).startsWith("data:").contains("data-status=\"PENDING\"");
        answer.body().close();
    }

    @Test
    void theFormRefusesATextDirectionOverrideInANameAndTakesLettersOfAnyScript() throws Exception {
        var refused = perform(validForm(uniqueEmail(), "Nowak\u202Eeb"));
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("<a href=\"#lastName\">")
                .contains("bez znaków sterujących ani niewidocznych");
        assertThat(perform(validForm(uniqueEmail(), "Gęślą-Jaźń Ивана 山田")).getStatus()).isEqualTo(302);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void neitherNamesNorEmailsReachTheLogs(CapturedOutput output) throws Exception {
        String email = "zofia." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        var answer = perform(validForm(email, "Wiśniewska-Logtest"));
        assertThat(answer.getStatus()).isEqualTo(302);
        assertThat(perform(validForm(email, "Wiśniewska-Logtest").param("website", "bot")).getStatus()).isEqualTo(400);
        assertThat(perform(validForm(email, "Wiśniewska-Logtest\u0007")).getStatus()).isEqualTo(400);
        assertThat(output.getAll()).contains(answer.getRedirectedUrl().substring("/registrations/".length()))
                .doesNotContain(email).doesNotContain("Wiśniewska-Logtest");
    }

    private long registrationsWith(String email) {
        return jdbc.sql("select count(*) from registrations where email = :email").param("email", email)
                .query(Long.class).single();
    }
}
