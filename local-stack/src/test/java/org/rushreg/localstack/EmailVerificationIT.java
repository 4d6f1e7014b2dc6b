package org.rushreg.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Email verification holds end to end (decisions 0030 and 0035), on the whole local stack: a registration for an
 * event that requires verification is held and shows to whoever has its id only as RECEIVED, its email arrives with
 * the link, the link's page verifies only on its button, and the registration is then confirmed by email; another,
 * never verified, expires on the capacity-service's clock, its person is told, and its public status stays RECEIVED
 * (an expired hold looks like a duplicate: no oracle of who registered).
 */
class EmailVerificationIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final Pattern VERIFY_LINK = Pattern.compile("(https?://\\S+/registrations/([0-9a-f-]+)/verify\\?token=\\S+)");
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startStack() throws Exception {
        SharedStack.acquire();
    }

    @AfterAll
    static void stopStack() throws Exception {
        SharedStack.release();
    }

    @Test
    void aVerifiedHoldIsConfirmedAndAnUnverifiedOneExpires() throws Exception {
        Settings settings = SharedStack.settings();
        URI site = URI.create(settings.registrationUrl());
        URI inbox = URI.create(settings.inboxUrl());

        String anna = "anna-" + UUID.randomUUID() + "@example.org";
        String jan = "jan-" + UUID.randomUUID() + "@example.org";
        String annas = register(site, anna);
        String jans = register(site, jan);
        await().atMost(PATIENCE).until(() -> "RECEIVED".equals(status(site, annas).path("status").asString())
                && "RECEIVED".equals(status(site, jans).path("status").asString()));

        // Anna's email: the link, which as a GET (what a mail scanner does) verifies nothing.
        JsonNode verification = await().atMost(PATIENCE).until(() -> email(inbox, anna, "Confirm your email"),
                Optional::isPresent).orElseThrow();
        Matcher link = VERIFY_LINK.matcher(verification.path("text").asString());
        assertThat(link.find()).as(verification.path("text").asString()).isTrue();
        assertThat(link.group(2)).isEqualTo(annas);
        URI page = site.resolve(URI.create(link.group(1)).getRawPath() + "?" + URI.create(link.group(1)).getRawQuery());
        HttpResponse<String> shown = http.send(HttpRequest.newBuilder(URI.create(page + "&lang=en")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("Confirm my email address");
        assertThat(status(site, annas).path("status").asString()).isEqualTo("RECEIVED");

        // The button: the form's token and CSRF field, with the CSRF cookie of the page.
        Matcher csrf = CSRF_FIELD.matcher(shown.body());
        assertThat(csrf.find()).isTrue();
        String cookie = shown.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
                .reduce((a, b) -> a + "; " + b).orElse("");
        String token = URI.create(link.group(1)).getQuery().replaceFirst("^token=", "");
        HttpResponse<String> pressed = http.send(HttpRequest.newBuilder(site.resolve("/registrations/" + annas
                        + "/verify"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                        + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(pressed.statusCode()).as(pressed.body()).isEqualTo(302);

        await().atMost(PATIENCE).until(() -> "CONFIRMED".equals(status(site, annas).path("status").asString()));
        await().atMost(PATIENCE).until(() -> email(inbox, anna, "Registration confirmed").isPresent());

        // Jan never followed his link: after the hold's minute his seat goes back and he is told.
        await().atMost(PATIENCE).until(() -> email(inbox, jan, "Your hold expired").isPresent());
        assertThat(status(site, jans).path("status").asString()).isEqualTo("RECEIVED");
        assertThat(email(inbox, jan, "Registration confirmed")).isEmpty();
    }

    private String register(URI site, String email) throws Exception {
        String body = JSON.writeValueAsString(Map.of("firstName", "Anna", "lastName", "Nowak", "email", email,
                "sessionIds", List.of("workshop"), "locale", "en",
                "consents", Map.of("terms", true, "privacy", true)));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(site.resolve("/api/events/" + SharedStack.VERIFICATION_EVENT + "/registrations"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("registrationId").asString();
    }

    private JsonNode status(URI site, String id) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(site.resolve("/api/registrations/" + id)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : JSON.createObjectNode();
    }

    private Optional<JsonNode> email(URI inbox, String to, String subject) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(inbox.resolve("/api/messages?to="
                + URLEncoder.encode(to, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode message : JSON.readTree(r.body())) {
            if (message.path("subject").asString().startsWith(subject)) {
                return Optional.of(message);
            }
        }
        return Optional.empty();
    }
}
