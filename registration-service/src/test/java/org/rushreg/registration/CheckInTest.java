package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.ScanResult;
import org.rushreg.messages.ScanTicket;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.TicketScanned;
import org.rushreg.messages.tickets.TicketCode;
import tools.jackson.databind.JsonNode;

/**
 * The door's API: a scan is verified here, sent as a command on the event's log, and answered with what the single
 * writer decided once the read model has it. The stand-in plays the capacity-service, whose rules are proved in its
 * own module (AdmissionsTest, ReferenceModelTest): here it answers the command it reads as the test tells it. A
 * device sends a scan again while it is PENDING, as the staff page does.
 */
class CheckInTest extends ServiceTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String SCANS = "/api/check-in/events/" + EVENT + "/scans";
    private static final TicketCode CODES = TicketCode.withKeyOrRandom(TICKET_KEY);

    private StandInServices services;

    @BeforeEach
    void standIn() {
        services = new StandInServices(broker);
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void aConfirmedTicketIsAdmittedWithTheHoldersNameAndTheScanTravelsAsACommandOfTheEvent() {
        String id = confirmed("Łucja", "Żółkiewska");
        String scanId = "phone-" + UUID.randomUUID();
        Instant scannedAt = Instant.parse("2024-10-07T07:12:00Z");

        CompletableFuture<Answer> answer = CompletableFuture.supplyAsync(
                () -> scanUntilDecided(scan(scanId, CODES.issue(EVENT, id).code(), null, "2024-10-07T09:12:00+02:00")));
        ScanTicket command = awaitCommand(scanId);
        services.scanned(decision(command, ScanResult.ADMITTED, command.scannedAt(), false));

        Answer admitted = answer.join();
        assertThat(command.eventId()).isEqualTo(EVENT);
        assertThat(command.registrationId()).isEqualTo(id);
        assertThat(command.sessionId()).isNull();
        assertThat(command.scannedAt()).isEqualTo(scannedAt);
        assertThat(admitted.status()).isEqualTo(200);
        assertThat(admitted.json().path("result").asString()).isEqualTo("ADMITTED");
        assertThat(Instant.parse(admitted.json().path("at").asString())).isEqualTo(scannedAt);
        assertThat(admitted.json().path("name").asString()).isEqualTo("Łucja Żółkiewska");
        assertThat(admitted.json().path("registrationId").asString()).isEqualTo(id);
        assertThat(admitted.json().has("seatFreed")).isFalse();
    }

    @Test
    void aWaitlistedPersonPromotedAfterTheSessionBeganIsToldAtItsDoorThatTheSeatWasFreedForThem() {
        var body = with(with(registration("day-2"), "firstName", "Henryk"), "lastName", "Sienkiewicz");
        String id = register(body).json().path("registrationId").asString();
        awaitRecorded(id);
        services.decide(id, Instant.now(), SessionStatus.WAITLISTED, "day-2");
        // as a no-show release does, now: long after day 2 began (7 October 2024)
        services.promote(id, "day-2");
        await().atMost(PATIENCE).until(() -> "CONFIRMED".equals(
                get("/api/registrations/" + id).json().path("status").asString()));

        Answer atTheDoor = decided(scan("phone-" + UUID.randomUUID(), CODES.issue(EVENT, id).code(), "day-2",
                "2024-10-08T09:20:00+02:00"), ScanResult.ADMITTED, false);

        assertThat(atTheDoor.json().path("result").asString()).isEqualTo("ADMITTED");
        assertThat(atTheDoor.json().path("seatFreed").asBoolean()).isTrue();
        assertThat(atTheDoor.json().path("name").asString()).isEqualTo("Henryk Sienkiewicz");
    }

    @Test
    void aScanSentAgainGetsTheSameAnswerAndSendsNoSecondCommand() {
        String id = confirmed("Anna", "Nowak");
        String code = CODES.issue(EVENT, id).code();
        String scanId = "phone-" + UUID.randomUUID();
        CompletableFuture<Answer> first = CompletableFuture.supplyAsync(
                () -> scanUntilDecided(scan(scanId, code, "day-1", "2024-10-07T09:12:00+02:00")));
        ScanTicket command = awaitCommand(scanId);
        services.scanned(decision(command, ScanResult.ADMITTED, command.scannedAt(), false));
        String answered = first.join().json().toString();

        // the queue of an offline device sent again, twice
        Answer again = postScan(scan(scanId, code, "day-1", "2024-10-07T09:12:00+02:00"));
        Answer andAgain = postScan(scan(scanId, code, "day-1", "2024-10-07T09:30:00+02:00"));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().toString()).isEqualTo(answered);
        assertThat(andAgain.json().toString()).isEqualTo(answered);
        // a later scan's command follows in the event's order: none came for the repeats before it
        String later = "phone-" + UUID.randomUUID();
        CompletableFuture.runAsync(() -> postScan(scan(later, code, "day-1", "2024-10-07T09:40:00+02:00")));
        awaitCommand(later);
        assertThat(scanCommands().stream().map(ScanTicket::scanId).filter(scanId::equals)).hasSize(1);
    }

    @Test
    void staffSeeWhatTheSingleWriterDecidedAlreadyAdmittedWithTheFirstTimeOrCancelledAndAConflict() {
        String id = confirmed("Jan", "Kowalski");
        String code = CODES.issue(EVENT, id).code();
        Instant firstTime = Instant.parse("2024-10-07T07:01:00Z");

        String second = "phone-" + UUID.randomUUID();
        CompletableFuture<Answer> already = CompletableFuture.supplyAsync(
                () -> scanUntilDecided(scan(second, code, null, "2024-10-07T09:20:00+02:00")));
        services.scanned(decision(awaitCommand(second), ScanResult.ALREADY_ADMITTED, firstTime, false));
        String offline = "phone-" + UUID.randomUUID();
        CompletableFuture<Answer> cancelled = CompletableFuture.supplyAsync(
                () -> scanUntilDecided(scan(offline, code, null, "2024-10-07T08:55:00+02:00")));
        Instant cancelledAt = Instant.parse("2024-10-07T07:00:00Z");
        services.scanned(decision(awaitCommand(offline), ScanResult.CANCELLED, cancelledAt, true));

        assertThat(already.join().json().path("result").asString()).isEqualTo("ALREADY_ADMITTED");
        assertThat(Instant.parse(already.join().json().path("at").asString())).isEqualTo(firstTime);
        Answer conflict = cancelled.join();
        assertThat(conflict.json().path("result").asString()).isEqualTo("CANCELLED");
        assertThat(conflict.json().path("conflict").asBoolean()).isTrue();
        assertThat(Instant.parse(conflict.json().path("at").asString())).isEqualTo(cancelledAt);

        Answer conflicts = send("GET", "/api/organiser/events/" + EVENT + "/check-in/conflicts", null, null,
                Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (TestOrganisers.VIEWER + ":" + TestOrganisers.VIEWER_PASSWORD).getBytes())));
        assertThat(conflicts.status()).isEqualTo(200);
        JsonNode listed = null;
        for (JsonNode row : conflicts.json()) {
            if (row.path("scanId").asString().equals(offline)) {
                listed = row;
            }
        }
        assertThat(listed).as("the organisers see the conflict").isNotNull();
        assertThat(listed.path("registrationId").asString()).isEqualTo(id);
        assertThat(listed.path("name").asString()).isEqualTo("Jan Kowalski");
        assertThat(Instant.parse(listed.path("scannedAt").asString())).isEqualTo(Instant.parse("2024-10-07T06:55:00Z"));
        assertThat(Instant.parse(listed.path("cancelledAt").asString())).isEqualTo(cancelledAt);
        assertThat(send("GET", "/api/organiser/events/" + EVENT + "/check-in/conflicts", null, null, staff())
                .status()).as("not for the door's staff").isEqualTo(403);
    }

    @Test
    void aScanNotYetDecidedIsPendingWithRetryAfter() {
        String id = confirmed("Ewa", "Lis");
        String scanId = "phone-" + UUID.randomUUID();

        Answer pending = postScan(scan(scanId, CODES.issue(EVENT, id).code(), null, "2024-10-07T09:12:00+02:00"));

        assertThat(pending.status()).isEqualTo(202);
        assertThat(pending.raw().headers().firstValue("Retry-After")).contains("1");
        assertThat(pending.json().path("result").asString()).isEqualTo("PENDING");
        assertThat(awaitCommand(scanId).registrationId()).isEqualTo(id);
    }

    @Test
    void aForgedMistypedOrForeignCodeIsUnknownAndNeverReachesTheLog() {
        String id = confirmed("Anna", "Nowak");
        String genuine = CODES.issue(EVENT, id).code();
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(TicketCode.withKeyOrRandom(TicketCode.newPrivateKey()).issue(EVENT, id).code(), "NOT_A_TICKET");
        codes.put(genuine.substring(0, genuine.length() - 3) + "AAA", "NOT_A_TICKET");
        codes.put(genuine.replace(id, UUID.randomUUID().toString()), "NOT_A_TICKET");
        codes.put("K7M2Q-9XAB3", "NOT_A_TICKET");
        codes.put("T1.\u0000.%%%.<script>", "NOT_A_TICKET");
        codes.put(CODES.issue("another-event", id).code(), "OTHER_EVENT");

        int scanned = 0;
        for (var code : codes.entrySet()) {
            String scanId = "phone-" + UUID.randomUUID();
            Answer answer = postScan(scan(scanId, code.getKey(), null, "2024-10-07T09:12:00+02:00"));
            assertThat(answer.status()).as(code.getKey()).isEqualTo(200);
            assertThat(answer.json().path("result").asString()).as(code.getKey()).isEqualTo("UNKNOWN");
            assertThat(answer.json().path("reason").asString()).as(code.getKey()).isEqualTo(code.getValue());
            assertThat(answer.json().has("name")).isFalse();
            scanned++;
        }
        assertThat(scanned).isEqualTo(codes.size());
        assertThat(scanCommands()).noneMatch(c -> c.registrationId().equals(id));
    }

    @Test
    void badInputGetsAProblemNamingTheField() {
        String code = CODES.issue(EVENT, UUID.randomUUID().toString()).code();
        Map<String, Map<String, Object>> bodies = new LinkedHashMap<>();
        bodies.put("scanId", scan(null, code, null, "2024-10-07T09:12:00+02:00"));
        bodies.put("scanId ", scan("has spaces in it", code, null, "2024-10-07T09:12:00+02:00"));
        bodies.put("code", scan("s-1", " ", null, "2024-10-07T09:12:00+02:00"));
        bodies.put("code ", scan("s-1", "x".repeat(1001), null, "2024-10-07T09:12:00+02:00"));
        bodies.put("sessionId", scan("s-1", code, "no-such-session", "2024-10-07T09:12:00+02:00"));
        bodies.put("scannedAt", scan("s-1", code, null, "yesterday at nine"));
        bodies.put("scannedAt ", scan("s-1", code, null, null));
        for (var body : bodies.entrySet()) {
            Answer answer = postScan(body.getValue());
            assertThat(answer.status()).as(body.getKey()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().path("errors").toString()).as(body.getKey())
                    .contains("\"field\":\"" + body.getKey().strip() + "\"");
        }
        for (String raw : new String[] {"{\"scanId\":", "[]", "{\"scanId\": 7, \"code\": true}", ""}) {
            Answer answer = send("POST", SCANS, "application/json", raw, staff());
            assertThat(answer.status()).as(raw).isEqualTo(400);
            assertThat(answer.contentType()).as(raw).startsWith("application/problem+json");
        }
        assertThat(send("POST", SCANS, "text/plain", "hello", staff()).status()).isEqualTo(415);
        assertThat(send("POST", "/api/check-in/events/no-such-event/scans", "application/json",
                JSON.writeValueAsString(scan("s-1", code, null, "2024-10-07T09:12:00+02:00")), staff()).status())
                .isEqualTo(404);
    }

    @Test
    void aScanIdNamingAnotherTicketsScanIsRefused() {
        String first = confirmed("Anna", "Nowak");
        String other = confirmed("Jan", "Kowalski");
        String scanId = "phone-" + UUID.randomUUID();
        CompletableFuture<Answer> answer = CompletableFuture.supplyAsync(
                () -> scanUntilDecided(scan(scanId, CODES.issue(EVENT, first).code(), null,
                        "2024-10-07T09:12:00+02:00")));
        ScanTicket command = awaitCommand(scanId);
        services.scanned(decision(command, ScanResult.ADMITTED, command.scannedAt(), false));
        answer.join();

        Answer reused = postScan(scan(scanId, CODES.issue(EVENT, other).code(), null, "2024-10-07T09:13:00+02:00"));

        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.json().path("detail").asString()).contains(scanId);
    }

    @Test
    void attendanceCountsShowOnTheDashboardApiAndInPrometheus() {
        JsonNode before = dashboard();
        String first = confirmed("Anna", "Nowak");
        String second = confirmed("Jan", "Kowalski");
        decided(scan("phone-" + UUID.randomUUID(), CODES.issue(EVENT, first).code(), null,
                "2024-10-07T09:00:00+02:00"), ScanResult.ADMITTED, false);
        decided(scan("phone-" + UUID.randomUUID(), CODES.issue(EVENT, first).code(), "day-1",
                "2024-10-07T09:05:00+02:00"), ScanResult.ADMITTED, false);
        decided(scan("phone-" + UUID.randomUUID(), CODES.issue(EVENT, first).code(), null,
                "2024-10-07T09:06:00+02:00"), ScanResult.ALREADY_ADMITTED, false);
        decided(scan("phone-" + UUID.randomUUID(), CODES.issue(EVENT, second).code(), null,
                "2024-10-07T09:07:00+02:00"), ScanResult.CANCELLED, true);

        JsonNode after = dashboard();

        assertThat(after.path("attendance").path("arrived").asLong())
                .isEqualTo(before.path("attendance").path("arrived").asLong() + 1);
        assertThat(after.path("attendance").path("conflicts").asLong())
                .isEqualTo(before.path("attendance").path("conflicts").asLong() + 1);
        assertThat(after.path("attendance").path("confirmed").asLong())
                .isEqualTo(after.path("totals").path("confirmed").asLong());
        assertThat(present(after, "day-1")).isEqualTo(present(before, "day-1") + 1);
        assertThat(present(after, "day-2")).isEqualTo(present(before, "day-2"));
        // the gauges are read from the same tables every few seconds
        String label = "event=\"" + EVENT + "\"";
        await().atMost(PATIENCE).untilAsserted(() -> {
            String scrape = management("/actuator/prometheus").body();
            assertThat(sample(scrape, "registration_attendance_present", label, "session=\"entrance\""))
                    .isEqualTo(after.path("attendance").path("arrived").asLong());
            assertThat(sample(scrape, "registration_attendance_present", label, "session=\"day-1\""))
                    .isEqualTo(present(after, "day-1"));
            assertThat(sample(scrape, "registration_attendance_confirmed", label, "session=\"entrance\""))
                    .isEqualTo(after.path("attendance").path("confirmed").asLong());
            assertThat(sample(scrape, "registration_attendance_confirmed", label, "session=\"day-1\""))
                    .isEqualTo(session(after, "day-1").path("confirmed").asLong());
            assertThat(sample(scrape, "registration_attendance_conflicts", label))
                    .isEqualTo(after.path("attendance").path("conflicts").asLong());
        });
    }

    private JsonNode dashboard() {
        Answer answer = send("GET", "/api/organiser/events/" + EVENT + "/dashboard", null, null,
                Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (TestOrganisers.VIEWER + ":" + TestOrganisers.VIEWER_PASSWORD).getBytes())));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static JsonNode session(JsonNode dashboard, String sessionId) {
        for (JsonNode session : dashboard.path("sessions")) {
            if (session.path("id").asString().equals(sessionId)) {
                return session;
            }
        }
        throw new AssertionError("no session " + sessionId + " on the dashboard");
    }

    private static long present(JsonNode dashboard, String sessionId) {
        return session(dashboard, sessionId).path("present").asLong();
    }

    /** The value of the one sample of {@code name} with all {@code labels}; -1 when there is none. */
    private static long sample(String scrape, String name, String... labels) {
        return scrape.lines().filter(line -> line.startsWith(name + "{"))
                .filter(line -> java.util.Arrays.stream(labels).allMatch(line::contains))
                .map(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(-1L);
    }

    /** Scans as a device does and has the stand-in decide it as given; the answer once decided. */
    private Answer decided(Map<String, Object> body, ScanResult result, boolean conflict) {
        CompletableFuture<Answer> answer = CompletableFuture.supplyAsync(() -> scanUntilDecided(body));
        ScanTicket command = awaitCommand((String) body.get("scanId"));
        services.scanned(decision(command, result, command.scannedAt(), conflict));
        return answer.join();
    }

    @Test
    void aDeviceSendingMoreScansThanItsAllowanceIsToldToWait() {
        Map<String, String> organiser = Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (TestOrganisers.ORGANISER + ":" + TestOrganisers.ORGANISER_PASSWORD).getBytes()));
        List<Answer> answers = new java.util.ArrayList<>();
        // garbage, as a broken phone would send it: answered without Kafka, 200 scans per minute in the tests
        for (int i = 0; i < 202 && (answers.isEmpty() || answers.get(answers.size() - 1).status() != 429); i++) {
            answers.add(postJson(SCANS, scan("flood-" + i, "not a ticket", null, "2024-10-07T09:12:00+02:00"),
                    organiser));
        }

        assertThat(answers.get(0).status()).isEqualTo(200);
        Answer refused = answers.get(answers.size() - 1);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.raw().headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
        // another device (the staff's account) is not held back
        assertThat(postScan(scan("other-device", "not a ticket", null, "2024-10-07T09:12:00+02:00")).status())
                .isEqualTo(200);
    }

    /** A registration holding a seat on day 1, once the read model shows it. */
    private String confirmed(String firstName, String lastName) {
        var body = with(with(registration("day-1"), "firstName", firstName), "lastName", lastName);
        String id = register(body).json().path("registrationId").asString();
        awaitRecorded(id);
        services.decide(id, Instant.now(), SessionStatus.CONFIRMED, "day-1");
        await().atMost(PATIENCE).until(() -> "CONFIRMED".equals(
                get("/api/registrations/" + id).json().path("status").asString()));
        return id;
    }

    private static Map<String, Object> scan(String scanId, String code, String sessionId, String scannedAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scanId", scanId);
        body.put("code", code);
        body.put("sessionId", sessionId);
        body.put("scannedAt", scannedAt);
        body.values().removeIf(java.util.Objects::isNull);
        return body;
    }

    private Answer postScan(Map<String, Object> body) {
        return postJson(SCANS, body, staff());
    }

    /** What a device does: the scan again, with its id, while the answer is PENDING. */
    private Answer scanUntilDecided(Map<String, Object> body) {
        Answer[] last = new Answer[1];
        await().atMost(PATIENCE).until(() -> {
            last[0] = postScan(body);
            return last[0].status() != 202;
        });
        return last[0];
    }

    private ScanTicket awaitCommand(String scanId) {
        return await().atMost(PATIENCE).until(() -> scanCommands().stream()
                .filter(c -> c.scanId().equals(scanId)).findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    private List<ScanTicket> scanCommands() {
        return commandLog().commands().stream().filter(ScanTicket.class::isInstance).map(ScanTicket.class::cast)
                .toList();
    }

    private static TicketScanned decision(ScanTicket command, ScanResult result, Instant at, boolean conflict) {
        return new TicketScanned(Schema.newMessageId(), Instant.now(), Schema.VERSION, command.eventId(),
                command.scanId(), command.registrationId(), command.sessionId(), command.scannedAt(), result, at,
                conflict);
    }

    private static Map<String, String> staff() {
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (TestOrganisers.CHECKIN + ":" + TestOrganisers.CHECKIN_PASSWORD).getBytes()));
    }
}
