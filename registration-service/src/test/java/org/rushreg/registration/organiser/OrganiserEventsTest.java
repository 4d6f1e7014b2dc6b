package org.rushreg.registration.organiser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rushreg.registration.TestOrganisers.ORGANISER;
import static org.rushreg.registration.TestOrganisers.ORGANISER_PASSWORD;
import static org.rushreg.registration.organiser.OrganiserSecurityTest.loggedInAs;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.ConfigureEvent;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.Topics;
import org.rushreg.registration.ServiceTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;

/**
 * Organisers create and change events through {@code PUT /api/organiser/events/{id}} and the event form; each change
 * is stored, reaches {@code registration.commands} as a {@link ConfigureEvent}, and is written to the audit log.
 * Every test works on events of its own, so the reference event stays as the other tests expect it.
 */
class OrganiserEventsTest extends ServiceTestSupport {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    static String newEventId() {
        return "test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An event open for registration with two sessions of the given capacities. */
    static Map<String, Object> event(String id, int firstCapacity, int secondCapacity) {
        var event = new LinkedHashMap<String, Object>();
        event.put("id", id);
        event.put("name", "Forum Miejskie " + id);
        event.put("venue", "Centrum Konferencyjne");
        event.put("venueAddress", "ul. Fabryczna 13, Kraków");
        event.put("timeZone", "Europe/Warsaw");
        event.put("startsOn", "2030-05-06");
        event.put("endsOn", "2030-05-06");
        event.put("registrationOpensAt", "2024-01-01T00:00:00Z");
        event.put("registrationClosesAt", "2099-01-01T00:00:00Z");
        event.put("waitlistEnabled", true);
        event.put("organiserEmail", "forum@example.org");
        event.put("sessions", List.of(
                session("plenary", "Sesja plenarna", "2030-05-06T09:00:00+02:00", "2030-05-06T11:00:00+02:00",
                        firstCapacity),
                session("walk", "Spacer studyjny", "2030-05-06T12:00:00+02:00", "2030-05-06T14:00:00+02:00",
                        secondCapacity)));
        return event;
    }

    static Map<String, Object> session(String id, String title, String startsAt, String endsAt, Object capacity) {
        var session = new LinkedHashMap<String, Object>();
        session.put("id", id);
        session.put("title", title);
        session.put("startsAt", startsAt);
        session.put("endsAt", endsAt);
        if (capacity != null) {
            session.put("capacity", capacity);
        }
        return session;
    }

    Answer put(String eventId, Object body) {
        return send("PUT", "/api/organiser/events/" + eventId, "application/json",
                body instanceof String s ? s : JSON.writeValueAsString(body),
                Map.of("Authorization", basic(ORGANISER, ORGANISER_PASSWORD)));
    }

    private List<ConfigureEvent> configurationsOf(String eventId) {
        return commandLog().records().stream()
                .filter(r -> eventId.equals(r.key()))
                .map(r -> MessageJson.fromBytes(r.value(), Topics.REGISTRATION_COMMANDS))
                .filter(ConfigureEvent.class::isInstance)
                .map(ConfigureEvent.class::cast)
                .toList();
    }

    private List<Map<String, Object>> auditOf(String eventId) {
        return jdbc.sql("select actor, action, detail from organiser_actions where event_id = :event order by id")
                .param("event", eventId).query().listOfRows();
    }

    @Test
    void aPutEventIsStoredPublishedAsConfigureEventAndAudited() {
        String id = newEventId();
        var created = put(id, event(id, 5, 30));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("Location")).hasValue("/api/organiser/events/" + id);
        assertThat(get("/api/events/" + id).status()).isEqualTo(200);

        var changed = put(id, with(event(id, 8, 30), "personalDataRetentionDays", 90));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(JSON.readTree(send("GET", "/api/organiser/events/" + id, null, null,
                Map.of("Authorization", basic(ORGANISER, ORGANISER_PASSWORD))).body())
                .path("personalDataRetentionDays").asInt()).as("the event's own retention").isEqualTo(90);
        JsonNode session = JSON.readTree(get("/api/events/" + id).body()).get("sessions").get(0);
        assertThat(session.get("capacity").asInt()).isEqualTo(8);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(configurationsOf(id))
                .extracting(c -> c.event().sessions().get(0).capacity()).containsExactly(5, 8));
        assertThat(auditOf(id)).extracting(r -> r.get("action")).containsExactly("EVENT_CREATED", "EVENT_CHANGED");
        assertThat(auditOf(id).get(1)).containsEntry("actor", ORGANISER)
                .containsEntry("detail", "personal data kept (days) default → 90; capacity plenary 5 → 8");
    }

    @Test
    void aPutThatChangesNothingPublishesNothingNew() {
        String id = newEventId();
        assertThat(put(id, event(id, 5, 30)).status()).isEqualTo(201);
        assertThat(put(id, event(id, 5, 30)).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(configurationsOf(id)).hasSize(1));
    }

    @Test
    void invalidEventsAreRefusedNamingTheField() {
        String id = newEventId();
        List<Map.Entry<String, String>> refusals = new ArrayList<>();
        var missingCapacity = event(id, 5, 30);
        missingCapacity.put("sessions", List.of(session("a", "A", "2030-05-06T09:00:00Z", "2030-05-06T10:00:00Z", null)));
        refusals.add(Map.entry("sessions[0].capacity", JSON.writeValueAsString(missingCapacity)));
        refusals.add(Map.entry("timeZone", JSON.writeValueAsString(with(event(id, 5, 30), "timeZone", "Mars/Olympus"))));
        var backwards = event(id, 5, 30);
        backwards.put("sessions", List.of(session("a", "A", "2030-05-06T10:00:00Z", "2030-05-06T09:00:00Z", 5)));
        refusals.add(Map.entry("sessions[0].endsAt", JSON.writeValueAsString(backwards)));
        var twice = event(id, 5, 30);
        twice.put("sessions", List.of(session("a", "A", "2030-05-06T09:00:00Z", "2030-05-06T10:00:00Z", 5),
                session("a", "B", "2030-05-06T11:00:00Z", "2030-05-06T12:00:00Z", 5)));
        refusals.add(Map.entry("sessions[1].id", JSON.writeValueAsString(twice)));
        var negative = event(id, 5, 30);
        negative.put("sessions", List.of(session("a", "A", "2030-05-06T09:00:00Z", "2030-05-06T10:00:00Z", -1)));
        refusals.add(Map.entry("sessions[0].capacity", JSON.writeValueAsString(negative)));
        var typo = event(id, 5, 30);
        typo.put("sessions", List.of(session("a", "A", "2030-05-06T09:00:00Z", "2030-05-06T10:00:00Z", "many")));
        refusals.add(Map.entry("sessions[0].capacity", JSON.writeValueAsString(typo)));
        refusals.add(Map.entry("capcity", JSON.writeValueAsString(with(event(id, 5, 30), "capcity", 5))));
        refusals.add(Map.entry("id", JSON.writeValueAsString(with(event(id, 5, 30), "id", "another-event"))));
        refusals.add(Map.entry("name", JSON.writeValueAsString(with(event(id, 5, 30), "name", " "))));
        refusals.add(Map.entry("endsOn", JSON.writeValueAsString(with(event(id, 5, 30), "endsOn", "2030-05-01"))));
        refusals.add(Map.entry("registrationClosesAt", JSON.writeValueAsString(
                with(event(id, 5, 30), "registrationClosesAt", "2020-01-01T00:00:00Z"))));
        refusals.add(Map.entry("personalDataRetentionDays", JSON.writeValueAsString(
                with(event(id, 5, 30), "personalDataRetentionDays", -1))));
        refusals.add(Map.entry("personalDataRetentionDays", JSON.writeValueAsString(
                with(event(id, 5, 30), "personalDataRetentionDays", 731))));
        refusals.add(Map.entry("body", "{\"name\": "));

        refusals.forEach(refusal -> {
            String field = refusal.getKey();
            var answer = put(id, refusal.getValue());
            assertThat(answer.status()).as(field).isEqualTo(400);
            assertThat(answer.contentType()).as(field).startsWith("application/problem+json");
            JsonNode errors = JSON.readTree(answer.body()).get("errors");
            assertThat(errors.findValuesAsString("field")).as(field).contains(field);
        });
        assertThat(send("PUT", "/api/organiser/events/Not_An_Id", "application/json",
                JSON.writeValueAsString(event("Not_An_Id", 5, 30)),
                Map.of("Authorization", basic(ORGANISER, ORGANISER_PASSWORD))).status()).isEqualTo(400);
        assertThat(get("/api/events/" + id).status()).isEqualTo(404);
        assertThat(auditOf(id)).isEmpty();
    }

    @Test
    void aSessionPeopleRegisteredForCannotBeRemoved() {
        String id = newEventId();
        assertThat(put(id, event(id, 5, 30)).status()).isEqualTo(201);
        var registration = with(registration("walk"), "sessionIds", List.of("walk"));
        var registered = postJson("/api/events/" + id + "/registrations", registration, Map.of());
        assertThat(registered.status()).isEqualTo(202);
        awaitRecorded(JSON.readTree(registered.body()).get("registrationId").asString());

        var withoutWalk = event(id, 5, 30);
        withoutWalk.put("sessions", List.of(((List<?>) withoutWalk.get("sessions")).get(0)));
        var refused = put(id, withoutWalk);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("walk").contains("capacity to 0");

        var withoutPlenary = event(id, 5, 30);
        withoutPlenary.put("sessions", List.of(((List<?>) withoutPlenary.get("sessions")).get(1)));
        assertThat(put(id, withoutPlenary).status()).isEqualTo(200);
    }

    @Test
    void aCancelledSessionIsPublishedShownAsCancelledLeftOffTheFormRefusedAndAudited() {
        String id = newEventId();
        assertThat(put(id, event(id, 5, 30)).status()).isEqualTo(201);
        var cancelled = event(id, 5, 30);
        @SuppressWarnings("unchecked")
        var walk = (Map<String, Object>) ((List<?>) cancelled.get("sessions")).get(1);
        walk.put("cancelled", true);

        assertThat(put(id, cancelled).status()).isEqualTo(200);

        JsonNode shown = JSON.readTree(get("/api/events/" + id).body()).get("sessions").get(1);
        assertThat(shown.get("cancelled").asBoolean()).isTrue();
        assertThat(shown.get("remaining").asInt()).isZero();
        assertThat(get("/events/" + id).body()).contains("Sesja plenarna")
                .doesNotContain("Spacer studyjny");
        var asked = postJson("/api/events/" + id + "/registrations",
                with(registration("walk"), "sessionIds", List.of("walk")), Map.of());
        assertThat(asked.status()).isEqualTo(400);
        assertThat(asked.body()).contains("was cancelled by the organiser");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(configurationsOf(id))
                .extracting(c -> c.event().sessions().get(1).offered()).containsExactly(true, false));
        assertThat(auditOf(id).get(1)).containsEntry("detail", "session walk cancelled");
    }

    @Test
    void emailVerificationIsSwitchedOnThroughTheApiAndTheFormAndReachesTheCapacityService() throws Exception {
        String id = newEventId();
        assertThat(put(id, event(id, 5, 30)).status()).isEqualTo(201);
        var on = put(id, with(with(event(id, 5, 30), "requireEmailVerification", true), "verificationHoldMinutes", 10));
        assertThat(on.status()).isEqualTo(200);
        JsonNode stored = JSON.readTree(send("GET", "/api/organiser/events/" + id, null, null,
                Map.of("Authorization", basic(ORGANISER, ORGANISER_PASSWORD))).body());
        assertThat(stored.path("requireEmailVerification").asBoolean()).isTrue();
        assertThat(stored.path("verificationHoldMinutes").asInt()).isEqualTo(10);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(configurationsOf(id))
                .extracting(c -> c.event().requireEmailVerification()).containsExactly(false, true));
        assertThat(configurationsOf(id).get(1).event().verificationHoldMinutes()).isEqualTo(10);
        assertThat(auditOf(id).get(1)).containsEntry("detail", "email verification (hold minutes) off → 10");

        var tooShort = put(id, with(with(event(id, 5, 30), "requireEmailVerification", true),
                "verificationHoldMinutes", 0));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.body()).contains("verificationHoldMinutes");

        var edit = mvc.perform(MockMvcRequestBuilders.get("/organiser/events/" + id + "/edit")
                .with(loggedInAs(ORGANISER))).andReturn().getResponse();
        assertThat(edit.getContentAsString()).containsPattern("id=\"requireEmailVerification\"[^>]*checked")
                .contains("name=\"verificationHoldMinutes\"").contains("value=\"10\"");

        // The form's checkbox left unticked switches it off again (the hidden _field says the box was there).
        var off = mvc.perform(post("/organiser/events/" + id).with(loggedInAs(ORGANISER)).with(csrf())
                .param("name", "Forum").param("timeZone", "Europe/Warsaw").param("startsOn", "2030-05-06")
                .param("endsOn", "2030-05-06").param("_waitlistEnabled", "on").param("waitlistEnabled", "true")
                .param("_requireEmailVerification", "on").param("verificationHoldMinutes", "")
                .param("sessions[0].id", "plenary").param("sessions[0].title", "Sesja plenarna")
                .param("sessions[0].startsAt", "2030-05-06T09:00").param("sessions[0].endsAt", "2030-05-06T11:00")
                .param("sessions[0].capacity", "5")
                .param("sessions[1].id", "walk").param("sessions[1].title", "Spacer studyjny")
                .param("sessions[1].startsAt", "2030-05-06T12:00").param("sessions[1].endsAt", "2030-05-06T14:00")
                .param("sessions[1].capacity", "30")).andReturn().getResponse();
        assertThat(off.getStatus()).as(off.getContentAsString()).isEqualTo(302);
        JsonNode after = JSON.readTree(send("GET", "/api/organiser/events/" + id, null, null,
                Map.of("Authorization", basic(ORGANISER, ORGANISER_PASSWORD))).body());
        assertThat(after.path("requireEmailVerification").asBoolean()).isFalse();
    }

    @Test
    void theEventFormCreatesAndChangesEventsWithCsrf() throws Exception {
        String id = newEventId();
        var form = post("/organiser/events").with(loggedInAs(ORGANISER)).with(csrf())
                .param("id", id).param("name", "Zażółć Gęślą Forum").param("venue", "CFK").param("timeZone", "Europe/Warsaw")
                .param("startsOn", "2030-05-06").param("endsOn", "2030-05-07")
                .param("registrationOpensAt", "2024-01-01T00:00").param("registrationClosesAt", "")
                .param("_waitlistEnabled", "on")
                .param("sessions[0].id", "day-1").param("sessions[0].title", "Dzień 1")
                .param("sessions[0].startsAt", "2030-05-06T09:00").param("sessions[0].endsAt", "2030-05-06T17:00")
                .param("sessions[0].capacity", "100")
                .param("sessions[1].id", "").param("sessions[1].title", "").param("sessions[1].capacity", "");
        var created = mvc.perform(form).andReturn().getResponse();
        assertThat(created.getStatus()).isEqualTo(302);
        assertThat(created.getRedirectedUrl()).isEqualTo("/organiser");
        JsonNode event = JSON.readTree(send("GET", "/api/organiser/events/" + id, null, null,
                Map.of("Authorization", basic(ORGANISER, ORGANISER_PASSWORD))).body());
        assertThat(event.get("name").asString()).isEqualTo("Zażółć Gęślą Forum");
        assertThat(event.get("waitlistEnabled").asBoolean()).isFalse();
        assertThat(event.path("registrationClosesAt").isNull()).isTrue();
        assertThat(event.get("sessions").get(0).get("startsAt").asString()).isEqualTo("2030-05-06T07:00:00Z");

        var edit = mvc.perform(MockMvcRequestBuilders.get("/organiser/events/" + id + "/edit")
                .with(loggedInAs(ORGANISER))).andReturn().getResponse();
        assertThat(edit.getStatus()).isEqualTo(200);
        assertThat(edit.getContentAsString()).contains("value=\"2030-05-06T09:00\"").contains("value=\"100\"")
                .contains("name=\"_csrf\"").contains("name=\"sessions[3].capacity\"");

        var invalid = mvc.perform(post("/organiser/events/" + id).with(loggedInAs(ORGANISER)).with(csrf())
                .param("name", "Forum").param("timeZone", "Europe/Warsaw").param("startsOn", "2030-05-06")
                .param("endsOn", "2030-05-07").param("sessions[0].id", "day-1").param("sessions[0].title", "Dzień 1")
                .param("sessions[0].startsAt", "2030-05-06T09:00").param("sessions[0].endsAt", "2030-05-06T17:00")
                .param("sessions[0].capacity", "sto")).andReturn().getResponse();
        assertThat(invalid.getStatus()).isEqualTo(400);
        assertThat(invalid.getContentAsString()).contains("id=\"error-summary\"")
                .contains("href=\"#sessions-0-capacity\"").contains("Podaj liczbę całkowitą")
                .contains("aria-describedby=\"sessions-0-capacity-error\"").contains("value=\"sto\"");

        var withoutCsrf = mvc.perform(post("/organiser/events/" + id).with(loggedInAs(ORGANISER))
                .param("name", "Forum")).andReturn().getResponse();
        assertThat(withoutCsrf.getStatus()).isEqualTo(403);
        assertThat(auditOf(id)).extracting(r -> r.get("action")).containsExactly("EVENT_CREATED");
    }

    @Test
    void titlesAndDescriptionsInPolishAndEnglishGoThroughTheApiToEachReadersForm() throws Exception {
        String id = newEventId();
        assertThat(put(id, event(id, 5, 30)).status()).isEqualTo(201);
        var plenary = session("plenary", "Sesja plenarna / Plenary", "2030-05-06T09:00:00+02:00",
                "2030-05-06T11:00:00+02:00", 5);
        plenary.put("titles", Map.of("pl", "Sesja plenarna", "en", "Plenary session"));
        plenary.put("descriptions", Map.of("en", "<b>Opening</b> of the forum"));
        var texts = with(with(event(id, 5, 30), "names", Map.of("pl", "Forum Miejskie", "en", "City Forum")),
                "descriptions", Map.of("pl", "Jeden dzień o mieście."));
        texts.put("sessions", List.of(plenary, ((List<?>) texts.get("sessions")).get(1)));

        var changed = put(id, texts);

        assertThat(changed.status()).isEqualTo(200);
        JsonNode stored = JSON.readTree(send("GET", "/api/organiser/events/" + id, null, null,
                Map.of("Authorization", basic(ORGANISER, ORGANISER_PASSWORD))).body());
        assertThat(stored.path("names").path("en").asString()).isEqualTo("City Forum");
        assertThat(stored.path("sessions").get(0).path("titles").path("pl").asString()).isEqualTo("Sesja plenarna");
        assertThat(stored.path("sessions").get(1).path("titles").path("en").isMissingNode()).as("a session without")
                .isTrue();
        JsonNode shown = JSON.readTree(get("/api/events/" + id).body());
        assertThat(shown.path("sessions").get(0).path("titles").path("en").asString()).isEqualTo("Plenary session");

        String english = mvc.perform(MockMvcRequestBuilders.get("/events/" + id).param("lang", "en"))
                .andReturn().getResponse().getContentAsString();
        assertThat(english).contains("<h1>City Forum</h1>", "<span>Plenary session</span>",
                        "&lt;b&gt;Opening&lt;/b&gt; of the forum", "Jeden dzień o mieście.")
                .doesNotContain("Sesja plenarna", "<b>Opening</b>");
        String polish = mvc.perform(MockMvcRequestBuilders.get("/events/" + id).param("lang", "pl"))
                .andReturn().getResponse().getContentAsString();
        assertThat(polish).contains("<h1>Forum Miejskie</h1>", "<span>Sesja plenarna</span>",
                "<span>Spacer studyjny</span>");
        assertThat(auditOf(id).get(1).get("detail")).asString()
                .contains("name in Polish and English changed", "description changed", "title of plenary changed",
                        "description of plenary changed");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(configurationsOf(id)).last()
                .extracting(c -> c.event().sessions().get(0).titleIn("en")).isEqualTo("Plenary session"));

        plenary.put("titles", Map.of("en", "P".repeat(201)));
        var tooLong = put(id, texts);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(JSON.readTree(tooLong.body()).get("errors").findValuesAsString("field"))
                .containsExactly("sessions[0].titles.en");
    }

    @Test
    void theEventFormTakesTitlesInPolishAndEnglish() throws Exception {
        String id = newEventId();
        var form = post("/organiser/events").with(loggedInAs(ORGANISER)).with(csrf())
                .param("id", id).param("name", "Forum").param("namePl", "Forum Miejskie").param("nameEn", "City Forum")
                .param("descriptionEn", "One day about the city.").param("timeZone", "Europe/Warsaw")
                .param("startsOn", "2030-05-06").param("endsOn", "2030-05-06")
                .param("registrationOpensAt", "2024-01-01T00:00").param("_waitlistEnabled", "on")
                .param("sessions[0].id", "day-1").param("sessions[0].title", "Dzień 1 / Day 1")
                .param("sessions[0].titlePl", "Dzień 1").param("sessions[0].titleEn", "Day 1")
                .param("sessions[0].startsAt", "2030-05-06T09:00").param("sessions[0].endsAt", "2030-05-06T17:00")
                .param("sessions[0].capacity", "100");
        assertThat(mvc.perform(form).andReturn().getResponse().getStatus()).isEqualTo(302);
        JsonNode event = JSON.readTree(send("GET", "/api/organiser/events/" + id, null, null,
                Map.of("Authorization", basic(ORGANISER, ORGANISER_PASSWORD))).body());
        assertThat(event.path("names").path("pl").asString()).isEqualTo("Forum Miejskie");
        assertThat(event.path("descriptions").path("en").asString()).isEqualTo("One day about the city.");
        assertThat(event.path("sessions").get(0).path("titles").path("en").asString()).isEqualTo("Day 1");

        var edit = mvc.perform(MockMvcRequestBuilders.get("/organiser/events/" + id + "/edit")
                .with(loggedInAs(ORGANISER))).andReturn().getResponse().getContentAsString();
        assertThat(edit).contains("value=\"City Forum\"", "name=\"sessions[0].titleEn\"", "value=\"Day 1\"");

        var invalid = mvc.perform(post("/organiser/events/" + id).with(loggedInAs(ORGANISER)).with(csrf())
                .param("name", "Forum").param("nameEn", "F".repeat(201)).param("timeZone", "Europe/Warsaw")
                .param("startsOn", "2030-05-06").param("endsOn", "2030-05-06").param("sessions[0].id", "day-1")
                .param("sessions[0].title", "Dzień 1").param("sessions[0].titleEn", "D".repeat(201))
                .param("sessions[0].startsAt", "2030-05-06T09:00").param("sessions[0].endsAt", "2030-05-06T17:00")
                .param("sessions[0].capacity", "100")).andReturn().getResponse();
        assertThat(invalid.getStatus()).isEqualTo(400);
        assertThat(invalid.getContentAsString()).contains("href=\"#nameEn\"", "href=\"#sessions-0-titleEn\"",
                "aria-describedby=\"sessions-0-titleEn-error\"");
    }

    @Test
    void theEventFormTakesSessionDescriptionsInPolishAndEnglishAndEachReaderSeesTheirs() throws Exception {
        String id = newEventId();
        var form = post("/organiser/events").with(loggedInAs(ORGANISER)).with(csrf())
                .param("id", id).param("name", "Forum").param("timeZone", "Europe/Warsaw")
                .param("startsOn", "2030-05-06").param("endsOn", "2030-05-06")
                .param("registrationOpensAt", "2024-01-01T00:00").param("_waitlistEnabled", "on")
                .param("sessions[0].id", "day-1").param("sessions[0].title", "Dzień 1")
                .param("sessions[0].descriptionPl", "Cały dzień o mieście.\r\nPrzerwa w południe.")
                .param("sessions[0].descriptionEn", "A whole day about the city.")
                .param("sessions[0].startsAt", "2030-05-06T09:00").param("sessions[0].endsAt", "2030-05-06T17:00")
                .param("sessions[0].capacity", "100")
                .param("sessions[1].descriptionPl", "").param("sessions[1].descriptionEn", "");
        assertThat(mvc.perform(form).andReturn().getResponse().getStatus()).isEqualTo(302);

        JsonNode event = JSON.readTree(send("GET", "/api/organiser/events/" + id, null, null,
                Map.of("Authorization", basic(ORGANISER, ORGANISER_PASSWORD))).body());
        assertThat(event.path("sessions")).as("a blank row with blank descriptions adds no session").hasSize(1);
        JsonNode descriptions = event.path("sessions").get(0).path("descriptions");
        assertThat(descriptions.path("pl").asString()).isEqualTo("Cały dzień o mieście.\nPrzerwa w południe.");
        assertThat(descriptions.path("en").asString()).isEqualTo("A whole day about the city.");
        String english = mvc.perform(MockMvcRequestBuilders.get("/events/" + id).param("lang", "en"))
                .andReturn().getResponse().getContentAsString();
        assertThat(english).contains("A whole day about the city.").doesNotContain("Cały dzień o mieście.");
        String polish = mvc.perform(MockMvcRequestBuilders.get("/events/" + id).param("lang", "pl"))
                .andReturn().getResponse().getContentAsString();
        assertThat(polish).contains("Cały dzień o mieście.").doesNotContain("A whole day about the city.");

        var invalid = mvc.perform(post("/organiser/events/" + id).with(loggedInAs(ORGANISER)).with(csrf())
                .param("name", "Forum").param("timeZone", "Europe/Warsaw").param("startsOn", "2030-05-06")
                .param("endsOn", "2030-05-06").param("sessions[0].id", "day-1").param("sessions[0].title", "Dzień 1")
                .param("sessions[0].descriptionEn", "D".repeat(2001))
                .param("sessions[0].startsAt", "2030-05-06T09:00").param("sessions[0].endsAt", "2030-05-06T17:00")
                .param("sessions[0].capacity", "100")).andReturn().getResponse();
        assertThat(invalid.getStatus()).isEqualTo(400);
        assertThat(invalid.getContentAsString()).contains("href=\"#sessions-0-descriptionEn\"",
                "<code>sessions[0].descriptionEn</code>", "id=\"sessions-0-descriptionEn-error\"",
                "aria-describedby=\"sessions-0-descriptionEn-error\"", "Ten tekst jest za długi.", "D".repeat(2001));
    }

    @Test
    void savingTheEventFormAsShownKeepsSessionDescriptionsSetThroughTheApi() throws Exception {
        String id = newEventId();
        var plenary = session("plenary", "Sesja plenarna", "2030-05-06T09:00:00+02:00", "2030-05-06T11:00:00+02:00",
                5);
        plenary.put("descriptions", Map.of("pl", "Otwarcie <forum>.\nPotem dyskusja.", "en", "Opening & debate."));
        var body = event(id, 5, 30);
        body.put("sessions", List.of(plenary, ((List<?>) body.get("sessions")).get(1)));
        assertThat(put(id, body).status()).isEqualTo(201);

        String edit = mvc.perform(MockMvcRequestBuilders.get("/organiser/events/" + id + "/edit")
                .with(loggedInAs(ORGANISER))).andReturn().getResponse().getContentAsString();
        Map<String, String> shown = formFields(edit);
        assertThat(shown).containsEntry("sessions[0].descriptionPl", "Otwarcie <forum>.\nPotem dyskusja.")
                .containsEntry("sessions[0].descriptionEn", "Opening & debate.")
                .containsEntry("sessions[1].descriptionEn", "");
        var resubmit = post("/organiser/events/" + id).with(loggedInAs(ORGANISER)).with(csrf());
        shown.forEach(resubmit::param);
        assertThat(mvc.perform(resubmit).andReturn().getResponse().getStatus()).isEqualTo(302);

        JsonNode stored = JSON.readTree(send("GET", "/api/organiser/events/" + id, null, null,
                Map.of("Authorization", basic(ORGANISER, ORGANISER_PASSWORD))).body());
        assertThat(stored.path("sessions").get(0).path("descriptions").path("pl").asString())
                .isEqualTo("Otwarcie <forum>.\nPotem dyskusja.");
        assertThat(stored.path("sessions").get(0).path("descriptions").path("en").asString())
                .isEqualTo("Opening & debate.");
        assertThat(stored.path("sessions").get(1).path("descriptions").path("en").isMissingNode()).as("none given")
                .isTrue();
        assertThat(auditOf(id).get(1).get("detail")).asString().doesNotContain("description");
    }

    @Test
    void savingTheEventFormAsShownKeepsTheEventsLineBrokenDescriptionsAndPrivacyNotice() throws Exception {
        String id = newEventId();
        var body = event(id, 5, 30);
        body.put("descriptions", Map.of("pl", "Dwa dni o mieście.\nDrugi dzień: spacer.", "en",
                "Two days about the city.\nDay two: a walk."));
        body.put("privacyNotices", Map.of("pl", "Administratorem danych jest <Forum>.\n\nKontakt: iod@example.org",
                "en", "The controller is Forum & co.\nWrite to dpo@example.org."));
        assertThat(put(id, body).status()).isEqualTo(201);

        String edit = mvc.perform(MockMvcRequestBuilders.get("/organiser/events/" + id + "/edit")
                .with(loggedInAs(ORGANISER))).andReturn().getResponse().getContentAsString();
        Map<String, String> shown = formFields(edit);
        assertThat(shown).as("text areas, not single-line inputs, which would lose the line breaks")
                .containsEntry("descriptionPl", "Dwa dni o mieście.\nDrugi dzień: spacer.")
                .containsEntry("privacyNoticePl", "Administratorem danych jest <Forum>.\n\nKontakt: iod@example.org")
                .containsEntry("privacyNoticeEn", "The controller is Forum & co.\nWrite to dpo@example.org.");
        var resubmit = post("/organiser/events/" + id).with(loggedInAs(ORGANISER)).with(csrf());
        // as a browser posts a text area: its line breaks as CRLF
        shown.forEach((field, value) -> resubmit.param(field, value.replace("\n", "\r\n")));
        assertThat(mvc.perform(resubmit).andReturn().getResponse().getStatus()).isEqualTo(302);

        JsonNode stored = JSON.readTree(send("GET", "/api/organiser/events/" + id, null, null,
                Map.of("Authorization", basic(ORGANISER, ORGANISER_PASSWORD))).body());
        assertThat(stored.path("descriptions").path("pl").asString()).isEqualTo("Dwa dni o mieście.\nDrugi dzień: spacer.");
        assertThat(stored.path("descriptions").path("en").asString()).isEqualTo("Two days about the city.\nDay two: a walk.");
        assertThat(stored.path("privacyNotices").path("pl").asString())
                .isEqualTo("Administratorem danych jest <Forum>.\n\nKontakt: iod@example.org");
        assertThat(stored.path("privacyNotices").path("en").asString())
                .isEqualTo("The controller is Forum & co.\nWrite to dpo@example.org.");
        assertThat(auditOf(id).get(1).get("detail")).asString().doesNotContain("description")
                .doesNotContain("privacy");
    }

    @Test
    void theOrganisersPrivacyNoticeIsCheckedAndShownInTheReadersLanguageAboveWhatTheSystemApplies() throws Exception {
        String id = newEventId();
        var tooLong = put(id, with(event(id, 5, 30), "privacyNotices", Map.of("pl", "Krótko.", "en", "N".repeat(2001))));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.contentType()).startsWith("application/problem+json");
        assertThat(tooLong.json().path("errors").get(0).path("field").asString()).isEqualTo("privacyNotices.en");
        assertThat(tooLong.json().path("errors").get(0).path("message").asString()).contains("at most 2000");
        var control = put(id, with(event(id, 5, 30), "privacyNotices", Map.of("pl", "Dzwonek\u0007")));
        assertThat(control.status()).isEqualTo(400);
        assertThat(control.json().path("errors").get(0).path("field").asString()).isEqualTo("privacyNotices.pl");
        assertThat(put(id, with(event(id, 5, 30), "privacyNotices", Map.of("em", "Typo"))).status())
                .as("a mistyped language is refused, as for every text").isEqualTo(400);

        assertThat(put(id, with(with(event(id, 5, 30), "personalDataRetentionDays", 60), "privacyNotices", Map.of("pl",
                "Administratorem danych jest Forum <script>alert(1)</script>.\n\nDane przetwarzamy w celu rejestracji."
                        + "\nMasz prawo dostępu do danych."))).status()).isEqualTo(201);
        String polish = mvc.perform(MockMvcRequestBuilders.get("/events/" + id + "/privacy").param("lang", "pl"))
                .andReturn().getResponse().getContentAsString();
        assertThat(polish).as("each line a paragraph, escaped")
                .contains("<p>Administratorem danych jest Forum &lt;script&gt;alert(1)&lt;/script&gt;.</p>",
                        "<p>Dane przetwarzamy w celu rejestracji.</p>", "<p>Masz prawo dostępu do danych.</p>")
                .doesNotContain("<script>alert(1)")
                .as("the composed notice's own sections give way to the organiser's")
                .doesNotContain("Jakie dane zbieramy")
                .as("what the system applies stays: the contact, the retention it keeps, the version")
                .contains("id=\"system-facts\"", "forum@example.org", "(60 dni po ostatnim dniu wydarzenia",
                        "id=\"version\"");
        String english = mvc.perform(MockMvcRequestBuilders.get("/events/" + id + "/privacy").param("lang", "en"))
                .andReturn().getResponse().getContentAsString();
        assertThat(english).as("no English text: the Polish one, marked as Polish")
                .contains("<section id=\"organiser-notice\" aria-labelledby=\"organiser-notice-heading\" lang=\"pl\">",
                        "<p>Masz prawo dostępu do danych.</p>", "What the registration system applies",
                        "(60 days after the event’s last day");

        assertThat(put(id, event(id, 5, 30)).status()).isEqualTo(200);
        assertThat(auditOf(id).get(1).get("detail")).asString().contains("privacy notice changed")
                .doesNotContain("Administratorem");
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/events/" + id + "/privacy").param("lang", "en"))
                .andReturn().getResponse().getContentAsString()).as("none: the composed notice again")
                .contains("What we collect").doesNotContain("organiser-notice");

        var invalid = mvc.perform(post("/organiser/events/" + id).with(loggedInAs(ORGANISER)).with(csrf())
                .param("name", "Forum").param("timeZone", "Europe/Warsaw").param("startsOn", "2030-05-06")
                .param("endsOn", "2030-05-06").param("privacyNoticeEn", "N".repeat(2001))
                .param("sessions[0].id", "day-1").param("sessions[0].title", "Dzień 1")
                .param("sessions[0].startsAt", "2030-05-06T09:00").param("sessions[0].endsAt", "2030-05-06T17:00")
                .param("sessions[0].capacity", "100")).andReturn().getResponse();
        assertThat(invalid.getStatus()).isEqualTo(400);
        assertThat(invalid.getContentAsString()).contains("href=\"#privacyNoticeEn\"",
                "<code>privacyNoticeEn</code>", "id=\"privacyNoticeEn-error\"",
                "aria-describedby=\"privacyNotices-hint privacyNoticeEn-error\"", "N".repeat(2001));
    }

    /**
     * The text inputs and text areas of a page as a browser would post them (ticked boxes and the CSRF token left
     * out: the request adds its own token, and the events here have no ticked boxes).
     */
    private static Map<String, String> formFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = Pattern.compile("<input(?=[^>]*type=\"(?:text|number|date|datetime-local|email)\")[^>]*>")
                .matcher(html);
        while (input.find()) {
            Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(input.group());
            Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(input.group());
            if (name.find()) {
                fields.put(name.group(1), value.find() ? HtmlUtils.htmlUnescape(value.group(1)) : "");
            }
        }
        Matcher area = Pattern.compile("<textarea[^>]*name=\"([^\"]*)\"[^>]*>(.*?)</textarea>", Pattern.DOTALL)
                .matcher(html);
        while (area.find()) {
            fields.put(area.group(1), HtmlUtils.htmlUnescape(area.group(2)));
        }
        return fields;
    }
}
