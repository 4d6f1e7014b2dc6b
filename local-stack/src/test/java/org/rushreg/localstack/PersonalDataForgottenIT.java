package org.rushreg.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rushreg.localstack.StackSearch.Needle;
import org.rushreg.localstack.kafka.SystemTopics;
import org.rushreg.messages.EmailDigest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 14's proof, on the whole local stack (decision 0048): a person erased on request and a person whose event's
 * retention ends during the test are, afterwards, nowhere in the system. Each registers with a marker of their own
 * (a random word) in first name, last name, organisation and address; once their confirmation email is in the inbox,
 * the first is looked up through {@code GET /api/organiser/people} until the notification-service and the
 * capacity-service both answer with what they hold (decision 0050), then erased through
 * {@code POST /api/organiser/erasures} until it is COMPLETED, and the second's event,
 * whose days are past and which keeps its people 0 days after registration closes, closes {@link #OPEN_FOR} after
 * it was set up — the clock moved past the event's end without a clock hook in the services. Then {@link StackSearch}
 * looks for each marker and each person's email digest (the keyed HMAC of the stack's own key) in every table,
 * every topic from the beginning (changelogs and dead letters included), the logs, the Prometheus scrapes and the
 * capacity state, until nothing is found, within a deadline: the topics keep records {@link #RETENTION} here, in
 * segments of a seventh of it, and the capacity-service's changelogs are compacted within it.
 *
 * <p>Kept on purpose and left out: the erased person's digest in {@code erasures} (the proof of the request, decision
 * 0027) and the inbox, which stands for the people's own mailboxes, outside the system. The answers to the access
 * request stay on {@code personal-data.access} for its own retention (an hour), but sealed for a key that only the
 * request held (decision 0050): the search covers that topic like any other and finds neither marker nor digest.
 *
 * <p>Compaction, like the roll of a segment, happens when a partition is written to: the test registers someone else
 * in the open event while a changelog still holds a digest, as any registration would, and the expiring event is
 * chosen on the same partition as the open one so that those writes reach both.
 */
class PersonalDataForgottenIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The retention of the topics with personal data in this stack: long enough for every consumer to read. */
    private static final Duration RETENTION = Duration.ofSeconds(20);
    /**
     * From setting the expiring event up to its close: time to register and get the confirmation email (an event
     * forgotten before it was sent no longer gets it), with room for a loaded machine.
     */
    private static final Duration OPEN_FOR = Duration.ofSeconds(60);
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final String OPEN_EVENT = "forget-open";
    private static final String CHANGELOG = "-changelog";
    private static final String ACCESS_TOPIC = org.rushreg.messages.Topics.PERSONAL_DATA_ACCESS.name();

    private static LocalStack stack;
    private static Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Instant lastWrite = Instant.EPOCH;
    private int others;

    @BeforeAll
    static void startStack() throws Exception {
        dir = Files.createTempDirectory("forgetting-stack");
        String seed = TestCatalogue.write(dir, OPEN_EVENT, 100);
        Path root = Path.of(System.getProperty("rushreg.root", ".."));
        stack = new LocalStack(Settings.onFreePorts(root, dir.resolve("data")).withServiceEnv(Map.of(
                "CATALOGUE_SEED", seed,
                SystemTopics.RETENTION_VARIABLE, Long.toString(RETENTION.toMillis()),
                "RETENTION_CHECK_INTERVAL", "PT2S",
                "RUSHREG_RETENTION_FIRST_CHECK_AFTER", "PT2S")));
        stack.checkJars();
        stack.start();
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void anErasedPersonAndOneWhoseEventsRetentionEndedAreNowhereInTheStack() throws Exception {
        StackSearch search = new StackSearch(stack);
        EmailDigest digests = EmailDigest.withKey(
                Files.readString(stack.settings().dataDir().resolve("email-digest-key")).trim());

        String expiringEvent = onTheSamePartitionAs(OPEN_EVENT);
        putExpiringEvent(expiringEvent, Instant.now().plus(OPEN_FOR));
        String expiredMarker = marker();
        String expiredEmail = register(expiringEvent, expiredMarker);
        String erasedMarker = marker();
        String erasedEmail = register(OPEN_EVENT, erasedMarker);
        awaitEmail(expiredEmail);
        awaitEmail(erasedEmail);

        List<Needle> erased = List.of(new Needle("the erased person's marker", erasedMarker),
                new Needle("the erased person's email digest", digests.of(OPEN_EVENT, erasedEmail),
                        List.of("table registration.public.erasures")));
        List<Needle> expired = List.of(new Needle("the expired person's marker", expiredMarker),
                new Needle("the expired person's email digest", digests.of(expiringEvent, expiredEmail)));
        // The search finds them where they are kept until then, so that "nothing found" later means something.
        // (Their records on the other topics may already be gone: those keep them only RETENTION.)
        assertThat(search.find(erased)).as("where the erased person is before the erasure")
                .anyMatch(hit -> hit.contains("marker in table registration.public.registrations"))
                .anyMatch(hit -> hit.contains("marker in table notification.public.recipient"))
                .anyMatch(hit -> hit.contains("digest in topic capacity-service-capacity-registrations-changelog-"));

        JsonNode person = await("every store's answer to an access request").atMost(PATIENCE)
                .pollInterval(Duration.ofSeconds(1)).until(() -> organiser(HttpRequest.newBuilder(
                        api("/api/organiser/people?eventId=" + OPEN_EVENT + "&email=" + erasedEmail))),
                        answer -> answer.path("stores").findValues("answered").stream().allMatch(JsonNode::asBoolean)
                                && answer.path("stores").size() == 2);
        JsonNode recipient = store(person, "notification-service").path("holds").path("recipients").get(0);
        assertThat(recipient.path("email").asString()).isEqualTo(erasedEmail);
        assertThat(recipient.path("lastName").asString()).contains(erasedMarker);
        assertThat(store(person, "notification-service").path("holds").path("sentEmails").findValuesAsString("status"))
                .as("the confirmation email").contains("SENT");
        assertThat(store(person, "capacity-service").path("holds").path("registrations").get(0).path("emailDigest")
                .asString()).isEqualTo(digests.of(OPEN_EVENT, erasedEmail));
        // The answers just read stay on personal-data.access for its retention, sealed (decision 0050).
        assertThat(search.find(erased)).as("the answers on " + ACCESS_TOPIC + " hold the person sealed only")
                .noneMatch(hit -> hit.contains("topic " + ACCESS_TOPIC + "-"));

        String erasure = erase(OPEN_EVENT, erasedEmail);
        await("erasure " + erasure + " completed").atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> "COMPLETED".equals(organiser(HttpRequest.newBuilder(
                        api("/api/organiser/erasures/" + erasure))).path("status").asString()));
        awaitNowhere(search, erased);
        assertThat(search.find(List.of(new Needle("digest", digests.of(OPEN_EVENT, erasedEmail)))))
                .as("the erased person's digest is kept only as the proof of the request")
                .isNotEmpty().allMatch(hit -> hit.startsWith("digest in table registration.public.erasures:"));

        awaitNowhere(search, expired);
    }

    /**
     * Polls the whole stack until the needles are nowhere; meanwhile, while a changelog still holds one, registers
     * someone else in the open event once per retention period, the write at which Kafka rolls the segment so that
     * its cleaner can compact it.
     */
    private void awaitNowhere(StackSearch search, List<Needle> needles) {
        await("forgotten: " + needles.stream().map(Needle::what).toList()).atMost(PATIENCE)
                .pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                    List<String> found = search.find(needles);
                    if (found.stream().anyMatch(hit -> hit.contains(CHANGELOG))
                            && Instant.now().isAfter(lastWrite.plus(RETENTION))) {
                        lastWrite = Instant.now();
                        register(OPEN_EVENT, "someone" + ++others, "someone." + others + "@example.org");
                    }
                    assertThat(found).as("still in the stack").isEmpty();
                });
    }

    /** An event whose days are past, that keeps its people 0 days after registration closes at {@code closes}. */
    private void putExpiringEvent(String eventId, Instant closes) throws Exception {
        Map<String, Object> event = Map.ofEntries(
                Map.entry("name", "Expiring test event"),
                Map.entry("venue", "Test hall"),
                Map.entry("venueAddress", "ul. Testowa 1, 00-001 Warszawa"),
                Map.entry("timeZone", "Europe/Warsaw"),
                Map.entry("startsOn", "2024-03-04"),
                Map.entry("endsOn", "2024-03-04"),
                Map.entry("registrationOpensAt", "2024-01-01T00:00:00Z"),
                Map.entry("registrationClosesAt", closes.toString()),
                Map.entry("waitlistEnabled", true),
                Map.entry("organiserEmail", "organiser@example.org"),
                Map.entry("personalDataRetentionDays", 0),
                Map.entry("sessions", List.of(Map.of("id", "workshop", "title", "Workshop",
                        "startsAt", "2024-03-04T10:00:00+01:00", "endsAt", "2024-03-04T12:00:00+01:00",
                        "capacity", 10))));
        HttpResponse<String> put = http.send(authorised(HttpRequest.newBuilder(api("/api/organiser/events/" + eventId)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(event))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isIn(200, 201);
    }

    /** Registers a person whose names, organisation and address hold {@code marker}; their address. */
    private String register(String eventId, String marker) throws Exception {
        String email = "anna." + marker + "@example.org";
        register(eventId, marker, email);
        return email;
    }

    private void register(String eventId, String marker, String email) throws Exception {
        String body = JSON.writeValueAsString(Map.of("firstName", "Anna-" + marker, "lastName", "Nowak-" + marker,
                "organisation", "Urząd " + marker, "email", email, "sessionIds", List.of("workshop"),
                "locale", "en", "consents", Map.of("terms", true, "privacy", true)));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(api("/api/events/" + eventId + "/registrations"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }

    private void awaitEmail(String email) {
        await("an email to " + email).atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> !stack.inbox().summariesNewestFirst(email).isEmpty());
    }

    private String erase(String eventId, String email) throws Exception {
        HttpResponse<String> r = http.send(authorised(HttpRequest.newBuilder(api("/api/organiser/erasures")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("eventId", eventId, "email", email)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("erasureId").asString();
    }

    private JsonNode organiser(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = http.send(authorised(request).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode store(JsonNode person, String name) {
        for (JsonNode store : person.path("stores")) {
            if (store.path("store").asString().equals(name)) {
                return store;
            }
        }
        throw new AssertionError("No store " + name + " in " + person);
    }

    private HttpRequest.Builder authorised(HttpRequest.Builder request) {
        return request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (stack.organiserLogin().username() + ":" + stack.organiserLogin().password())
                        .getBytes(StandardCharsets.UTF_8)));
    }

    private URI api(String path) {
        return URI.create(stack.settings().registrationUrl() + path);
    }

    /**
     * An event id whose commands, and so whose capacity state and changelog records, share a partition with {@code
     * eventId}'s (the producers' default partitioner: murmur2 of the key).
     */
    private static String onTheSamePartitionAs(String eventId) {
        int partition = partition(eventId);
        for (int i = 0; ; i++) {
            String candidate = "forget-expiring-" + i;
            if (partition(candidate) == partition) {
                return candidate;
            }
        }
    }

    private static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % SystemTopics.PARTITIONS;
    }

    /** A word no one else has: ten random letters after a prefix that no text of the system contains. */
    private static String marker() {
        StringBuilder marker = new StringBuilder("qxz");
        for (int i = 0; i < 10; i++) {
            marker.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return marker.toString();
    }
}
