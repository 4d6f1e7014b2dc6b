package org.rushreg.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rushreg.localstack.inbox.InboxMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances of every service behind the local stack's front, and one instance of each killed (SIGKILL) in the
 * middle of a burst (issue 17). Clients retry a failed request with its Idempotency-Key, as the API asks. Then:
 * every accepted registration is decided once, no seat is given twice, everybody has one email (a kill may repeat
 * an email in flight, with its Message-ID, decision 0010, never a second one), and status pages held open on the
 * surviving registration instance turn from PENDING to the decision by themselves.
 */
class InstancesKilledIT {

    private static final int SEATS = 20;
    private static final int PEOPLE = 60;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aBurstSurvivesTheKillOfOneInstanceOfEachService() throws Exception {
        String seed = TestCatalogue.write(dir, "kill-test", SEATS);
        Path root = Path.of(System.getProperty("rushreg.root", ".."));
        Settings settings = Settings.onFreePorts(root, dir.resolve("data")).withInstances(2)
                .withServiceEnv(Map.of("CATALOGUE_SEED", seed,
                        "RATE_LIMIT_PER_CLIENT", "0"));
        URI front = URI.create(settings.registrationUrl());

        try (LocalStack stack = new LocalStack(settings)) {
            stack.checkJars();
            stack.start();
            URI survivor = URI.create("http://localhost:" + stack.instances().stream()
                    .filter(i -> i.name().equals("registration-service-1")).findFirst().orElseThrow().port());
            System.out.println("Local stack with two of each service started in " + stack.startupTime().toSeconds() + " s");
            awaitEvent(front);

            List<String> emails = IntStream.range(0, PEOPLE)
                    .mapToObj(i -> "kill" + i + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.org").toList();
            ExecutorService clients = Executors.newFixedThreadPool(PEOPLE / 2);
            ExecutorService pages = Executors.newCachedThreadPool(daemon("status-page"));
            Map<String, String> firstShown = new ConcurrentHashMap<>();
            try {
                List<String> ids = new ArrayList<>(register(clients, front, emails.subList(0, PEOPLE / 2)));

                for (String service : LocalStack.SERVICES) {
                    kill(settings.dataDir(), service + "-2");
                }

                List<CompletableFuture<String>> shown = new ArrayList<>();
                for (String id : register(clients, front, emails.subList(PEOPLE / 2, PEOPLE))) {
                    ids.add(id);
                    shown.add(CompletableFuture.supplyAsync(() -> decisionShown(survivor, id, firstShown), pages));
                }
                assertThat(ids).doesNotHaveDuplicates().hasSize(PEOPLE);

                Map<String, JsonNode> decided = awaitDecided(front, ids);
                assertThat(decided.values()).filteredOn(s -> s.path("status").asString().equals("CONFIRMED")).hasSize(SEATS);
                assertThat(decided.values()).filteredOn(s -> s.path("status").asString().equals("WAITLISTED"))
                        .hasSize(PEOPLE - SEATS);
                Set<Integer> places = new HashSet<>();
                decided.values().forEach(s -> s.path("sessions").forEach(session -> {
                    if (session.hasNonNull("waitlistPosition")) {
                        places.add(session.get("waitlistPosition").asInt());
                    }
                }));
                assertThat(places).as("distinct waitlist places").hasSize(PEOPLE - SEATS);

                for (CompletableFuture<String> page : shown) {
                    assertThat(page.get(3, java.util.concurrent.TimeUnit.MINUTES)).isIn("CONFIRMED", "WAITLISTED");
                }
                assertThat(firstShown.values()).as("pages that were open while their registration was pending")
                        .contains("PENDING");

                await("one email each").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                        .untilAsserted(() -> assertThat(distinctEmails(stack, emails)).allSatisfy(
                                (email, n) -> assertThat(n).as(email).isEqualTo(1)));
                await("still one email each").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30))
                        .untilAsserted(() -> assertThat(distinctEmails(stack, emails)).allSatisfy(
                                (email, n) -> assertThat(n).as(email).isEqualTo(1)));
            } finally {
                clients.shutdownNow();
                pages.shutdownNow();
            }
        }
    }

    /** Registers everyone at once; a request that fails (an instance died under it) is repeated with its key. */
    private List<String> register(ExecutorService clients, URI front, List<String> emails) throws Exception {
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (String email : emails) {
            String key = UUID.randomUUID().toString();
            answers.add(CompletableFuture.supplyAsync(() -> registerUntilAccepted(front, email, key), clients));
        }
        List<String> ids = new ArrayList<>();
        for (CompletableFuture<String> answer : answers) {
            ids.add(answer.get());
        }
        return ids;
    }

    private String registerUntilAccepted(URI front, String email, String key) {
        String last = "no answer";
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(front.resolve("/api/events/kill-test/registrations"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json").header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body(email))).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 202) {
                    return JSON.readTree(r.body()).get("registrationId").asString();
                }
                last = r.statusCode() + " " + r.body();
                assertThat(r.statusCode()).as("only a failure worth retrying: %s", last).isGreaterThanOrEqualTo(500);
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        throw new AssertionError("registration of " + email + " never accepted: " + last);
    }

    private static void kill(Path dataDir, String instance) throws IOException {
        long pid = Long.parseLong(Files.readString(dataDir.resolve(instance + ".pid")).trim());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(instance + " is not running"));
        assertThat(process.destroyForcibly()).as("SIGKILL to %s", instance).isTrue();
        process.onExit().join();
    }

    /**
     * Watches a status page on one instance, reopening its stream if it ends, and answers the first decided status
     * it shows; records the first status each page showed at all.
     */
    private String decisionShown(URI instance, String id, Map<String, String> firstShown) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Stream<String>> stream = http.send(HttpRequest.newBuilder(
                                instance.resolve("/registrations/" + id + "/events"))
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
                try (Stream<String> lines = stream.body()) {
                    for (String line : (Iterable<String>) lines::iterator) {
                        String status = status(line);
                        if (status != null) {
                            firstShown.putIfAbsent(id, status);
                            if (!status.equals("PENDING")) {
                                return status;
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // the page reconnects, as a browser's EventSource does
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
            sleep(200);
        }
        return "never decided";
    }

    private static String status(String line) {
        int at = line.indexOf("data-status=\"");
        if (!line.startsWith("data:") || at < 0) {
            return null;
        }
        int from = at + "data-status=\"".length();
        return line.substring(from, line.indexOf('"', from));
    }

    private Map<String, JsonNode> awaitDecided(URI front, List<String> ids) {
        Map<String, JsonNode> decided = new HashMap<>();
        await("every registration decided").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String id : ids) {
                if (!decided.containsKey(id)) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(front.resolve("/api/registrations/" + id)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        JsonNode status = JSON.readTree(r.body());
                        if (!status.path("status").asString().equals("PENDING")) {
                            decided.put(id, status);
                        }
                    }
                }
            }
            assertThat(decided).hasSize(ids.size());
        });
        return decided;
    }

    /** Distinct emails (by Message-ID) per address: a repeat of one in flight at a kill counts once. */
    private static Map<String, Integer> distinctEmails(LocalStack stack, List<String> emails) {
        Map<String, Set<String>> byAddress = new HashMap<>();
        for (InboxMessage.Delivery delivery : stack.inbox().deliveries()) {
            for (String to : delivery.to()) {
                byAddress.computeIfAbsent(to.toLowerCase(java.util.Locale.ROOT), a -> new HashSet<>())
                        .add(delivery.messageId() == null ? delivery.id() : delivery.messageId());
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        emails.forEach(email -> counts.put(email, byAddress.getOrDefault(email, Set.of()).size()));
        return counts;
    }

    private void awaitEvent(URI front) {
        await("the event through the front").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(http.send(HttpRequest.newBuilder(front.resolve("/api/events/kill-test")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200));
    }

    private static String body(String email) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstName", "Anna");
        body.put("lastName", "Nowak");
        body.put("email", email);
        body.put("organisation", "Urząd Miasta Krakowa");
        body.put("sessionIds", List.of("workshop"));
        body.put("locale", "pl");
        body.put("consents", Map.of("terms", true, "privacy", true));
        return JSON.writeValueAsString(body);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
