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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The opening rush, end to end over HTTP only: many different people ask for one small session at the same
 * moment; every request is accepted, exactly as many as there were free seats are confirmed, the rest are
 * waitlisted, and each person gets exactly one email. One scenario for every way the stack is run
 * (the embedded local stack, the compose stack); only where the mail is read differs.
 */
final class RushScenario {

    /** Where the emails can be counted. */
    interface Mailbox {
        int count(String address) throws Exception;
    }

    record Outcome(int confirmed, int waitlisted) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI registration;
    private final Mailbox mailbox;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RushScenario(URI registration, Mailbox mailbox) {
        this.registration = registration;
        this.mailbox = mailbox;
    }

    /** The local inbox's JSON API ({@code GET /api/messages?to=ADDRESS}). */
    static Mailbox localInbox(URI inbox) {
        HttpClient http = HttpClient.newHttpClient();
        return address -> {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(inbox.resolve("/api/messages?to="
                    + URLEncoder.encode(address, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            int count = 0;
            for (JsonNode message : JSON.readTree(r.body())) {
                for (JsonNode to : message.get("to")) {
                    count += to.asString().equalsIgnoreCase(address) ? 1 : 0;
                }
            }
            return count;
        };
    }

    /** Mailpit's search API, as in the compose stack. */
    static Mailbox mailpit(URI mailpit) {
        HttpClient http = HttpClient.newHttpClient();
        return address -> {
            String query = URLEncoder.encode("to:\"" + address + "\"", StandardCharsets.UTF_8);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(mailpit.resolve("/api/v1/search?query=" + query)).build(),
                    HttpResponse.BodyHandlers.ofString());
            int count = 0;
            for (JsonNode message : JSON.readTree(r.body()).path("messages")) {
                for (JsonNode to : message.path("To")) {
                    count += to.path("Address").asString().equalsIgnoreCase(address) ? 1 : 0;
                }
            }
            return count;
        };
    }

    Outcome run(String eventId, String sessionId, int people) throws Exception {
        int free = freeSeats(eventId, sessionId);
        List<String> emails = IntStream.range(0, people)
                .mapToObj(i -> "rush" + i + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.org").toList();

        // All at once: every request is in flight before the first answer comes back.
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (String email : emails) {
            answers.add(http.sendAsync(post("/api/events/" + eventId + "/registrations", body(email, sessionId)),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<String> ids = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            assertThat(response.statusCode()).as("answer to a valid registration: %s", response.body()).isEqualTo(202);
            ids.add(JSON.readTree(response.body()).get("registrationId").asString());
        }
        assertThat(ids).doesNotHaveDuplicates();

        Map<String, String> statuses = new LinkedHashMap<>();
        await("every registration decided").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String id : ids) {
                if (!statuses.containsKey(id)) {
                    String status = status(id);
                    if (status != null && !status.equals("PENDING")) {
                        statuses.put(id, status);
                    }
                }
            }
            assertThat(statuses).hasSize(ids.size());
        });
        int expectedConfirmed = Math.min(people, free);
        Outcome outcome = new Outcome(
                (int) statuses.values().stream().filter("CONFIRMED"::equals).count(),
                (int) statuses.values().stream().filter("WAITLISTED"::equals).count());
        assertThat(outcome).as("seats for as many as were free, the others waitlisted; all: %s", statuses.values())
                .isEqualTo(new Outcome(expectedConfirmed, people - expectedConfirmed));

        // Each person gets one email (confirmation or waitlist), and after a settle still exactly one.
        await("an email for everyone").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(counts(emails)).allSatisfy((email, n) -> assertThat(n).as(email).isPositive()));
        await("no second email").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(counts(emails)).allSatisfy((email, n) -> assertThat(n).as(email).isEqualTo(1)));
        return outcome;
    }

    private Map<String, Integer> counts(List<String> emails) throws Exception {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String email : emails) {
            counts.put(email, mailbox.count(email));
        }
        return counts;
    }

    private int freeSeats(String eventId, String sessionId) {
        int[] free = new int[1];
        // the catalogue is seeded at start-up; give it a moment to show the event
        await("event " + eventId + " with session " + sessionId).atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(registration.resolve("/api/events/" + eventId)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode session = null;
            for (JsonNode s : JSON.readTree(r.body()).path("sessions")) {
                if (s.path("id").asString().equals(sessionId)) {
                    session = s;
                }
            }
            assertThat(session).as("session " + sessionId).isNotNull();
            free[0] = session.path("capacity").asInt() - session.path("confirmed").asInt(0);
        });
        return free[0];
    }

    private String status(String id) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(registration.resolve("/api/registrations/" + id)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JSON.readTree(r.body()).path("status").asString(null) : null;
    }

    private HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(registration.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static String body(String email, String sessionId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstName", "Anna");
        body.put("lastName", "Nowak");
        body.put("email", email);
        body.put("organisation", "Urząd Miasta Krakowa");
        body.put("sessionIds", List.of(sessionId));
        body.put("locale", "pl");
        body.put("consents", Map.of("terms", true, "privacy", true));
        return JSON.writeValueAsString(body);
    }
}
