package org.rushreg.registration.organiser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rushreg.registration.TestOrganisers.ORGANISER;
import static org.rushreg.registration.TestOrganisers.ORGANISER_PASSWORD;
import static org.rushreg.registration.TestOrganisers.VIEWER;
import static org.rushreg.registration.TestOrganisers.VIEWER_PASSWORD;
import static org.rushreg.registration.organiser.OrganiserSecurityTest.loggedInAs;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.ReleaseNoShows;
import org.rushreg.messages.Topics;
import org.rushreg.registration.ServiceTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The organiser's no-show release (decision 0029): the event's option through the API, the release checked against
 * the catalogue, audited and appended to the event's log as a {@link ReleaseNoShows}; organisers only. What the
 * single writer then decides is proved in the capacity-service (NoShowReleaseTest, ReferenceModelTest,
 * CapacityTopologyTest); its answers are changes of sessions and promotions, which this service already records.
 */
class OrganiserNoShowReleaseTest extends ServiceTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    /** An event whose sessions took place in 2024 (so their minutes are long past), with the release set or not. */
    private String pastEvent(Integer minutes) {
        String id = OrganiserEventsTest.newEventId();
        Map<String, Object> event = OrganiserEventsTest.event(id, 2, 1);
        event.put("startsOn", "2024-05-06");
        event.put("endsOn", "2024-05-06");
        event.put("registrationClosesAt", "2024-05-05T00:00:00Z");
        event.put("sessions", List.of(
                OrganiserEventsTest.session("plenary", "Sesja plenarna", "2024-05-06T09:00:00+02:00",
                        "2024-05-06T11:00:00+02:00", 2),
                OrganiserEventsTest.session("walk", "Spacer", "2024-05-06T12:00:00+02:00",
                        "2024-05-06T14:00:00+02:00", 1)));
        if (minutes != null) {
            event.put("noShowReleaseMinutes", minutes);
        }
        assertThat(put(id, event).status()).isEqualTo(201);
        return id;
    }

    private Answer put(String eventId, Object body) {
        return send("PUT", "/api/organiser/events/" + eventId, "application/json", JSON.writeValueAsString(body),
                Map.of("Authorization", basic(ORGANISER, ORGANISER_PASSWORD)));
    }

    private Answer release(String eventId, String sessionId, String user, String password) {
        return send("POST", "/api/organiser/events/" + eventId + "/sessions/" + sessionId + "/no-show-release",
                null, null, Map.of("Authorization", basic(user, password)));
    }

    private List<ReleaseNoShows> releasesOf(String eventId) {
        return commandLog().records().stream().filter(r -> eventId.equals(r.key()))
                .map(r -> MessageJson.fromBytes(r.value(), Topics.REGISTRATION_COMMANDS))
                .filter(ReleaseNoShows.class::isInstance).map(ReleaseNoShows.class::cast).toList();
    }

    @Test
    void anOrganiserReleasesASessionsNoShowsAsACommandOfTheEventAudited() {
        String id = pastEvent(15);
        assertThat(send("GET", "/api/organiser/events/" + id, null, null,
                Map.of("Authorization", basic(ORGANISER, ORGANISER_PASSWORD))).json()
                .path("noShowReleaseMinutes").asInt()).isEqualTo(15);

        Answer answer = release(id, "walk", ORGANISER, ORGANISER_PASSWORD);

        assertThat(answer.status()).isEqualTo(202);
        String releaseId = answer.json().path("releaseId").asString();
        assertThat(answer.json().path("sessionId").asString()).isEqualTo("walk");
        assertThat(answer.json().path("releasableFrom").asString()).isEqualTo("2024-05-06T10:15:00Z");
        ReleaseNoShows command = await().atMost(PATIENCE).until(() -> releasesOf(id), l -> !l.isEmpty()).get(0);
        assertThat(command.sessionId()).isEqualTo("walk");
        assertThat(command.releaseId()).isEqualTo(releaseId);
        assertThat(command.messageId()).isEqualTo(answer.json().path("commandId").asString());
        assertThat(jdbc.sql("select actor || ' ' || action || ' ' || detail from organiser_actions"
                        + " where event_id = :event and action = 'NO_SHOWS_RELEASED'")
                .param("event", id).query(String.class).list())
                .containsExactly(ORGANISER + " NO_SHOWS_RELEASED session walk, release " + releaseId);
    }

    @Test
    void viewersMayNotUnknownSessionsAreNotFoundAndTheOptionMustBeOnAndTheMinutesPast() {
        String on = pastEvent(15);
        assertThat(release(on, "walk", VIEWER, VIEWER_PASSWORD).status()).isEqualTo(403);
        assertThat(release(on, "ghost", ORGANISER, ORGANISER_PASSWORD).status()).isEqualTo(404);
        assertThat(release("no-such-event", "walk", ORGANISER, ORGANISER_PASSWORD).status()).isEqualTo(404);

        String off = pastEvent(null);
        Answer notOn = release(off, "walk", ORGANISER, ORGANISER_PASSWORD);
        assertThat(notOn.status()).isEqualTo(409);
        assertThat(notOn.body()).contains("noShowReleaseMinutes");

        String future = OrganiserEventsTest.newEventId();
        Map<String, Object> event = OrganiserEventsTest.event(future, 2, 1); // sessions in 2030
        event.put("noShowReleaseMinutes", 15);
        assertThat(put(future, event).status()).isEqualTo(201);
        Answer early = release(future, "walk", ORGANISER, ORGANISER_PASSWORD);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.body()).contains("2030-05-06T10:15:00Z");

        assertThat(releasesOf(on)).isEmpty();
        assertThat(releasesOf(off)).isEmpty();
        assertThat(releasesOf(future)).isEmpty();
    }

    @Test
    void theMinutesAreCheckedAndNamedWhenWrong() {
        String id = OrganiserEventsTest.newEventId();
        Map<String, Object> event = OrganiserEventsTest.event(id, 2, 1);
        event.put("noShowReleaseMinutes", -5);
        Answer refused = put(id, event);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("noShowReleaseMinutes");
    }

    @Test
    void theDashboardOffersTheButtonToOrganisersOnlyAndItComesBackToTheDashboard() throws Exception {
        String id = pastEvent(0);
        String page = mvc.perform(MockMvcRequestBuilders.get("/organiser/events/" + id + "/dashboard").with(loggedInAs(ORGANISER)))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"no-show-release\"",
                "action=\"/organiser/events/" + id + "/sessions/walk/no-show-release\"");
        String viewed = mvc.perform(MockMvcRequestBuilders.get("/organiser/events/" + id + "/dashboard").with(loggedInAs(VIEWER)))
                .andReturn().getResponse().getContentAsString();
        assertThat(viewed).contains("id=\"no-show-release\"").doesNotContain("/no-show-release\"");

        var pressed = mvc.perform(post("/organiser/events/" + id + "/sessions/plenary/no-show-release")
                .with(loggedInAs(ORGANISER)).with(csrf())).andReturn().getResponse();
        assertThat(pressed.getStatus()).isEqualTo(302);
        assertThat(pressed.getRedirectedUrl()).isEqualTo("/organiser/events/" + id + "/dashboard");
        assertThat(await().atMost(PATIENCE).until(() -> releasesOf(id), l -> !l.isEmpty()))
                .extracting(ReleaseNoShows::sessionId).containsExactly("plenary");
        assertThat(mvc.perform(post("/organiser/events/" + id + "/sessions/plenary/no-show-release")
                .with(loggedInAs(VIEWER)).with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void theAutomaticReleaseIsAnOptionSavedByTheApiAndTheFormAndShownOnTheDashboard() throws Exception {
        String id = pastEvent(15);
        assertThat(stored(id).path("noShowReleaseAutomatic").asBoolean()).as("off unless asked for").isFalse();

        Map<String, Object> event = OrganiserEventsTest.event(id, 2, 1);
        event.put("noShowReleaseAutomatic", true);
        Answer withoutMinutes = put(id, event);
        assertThat(withoutMinutes.status()).isEqualTo(400);
        assertThat(withoutMinutes.json().path("errors").get(0).path("field").asString())
                .isEqualTo("noShowReleaseAutomatic");
        assertThat(withoutMinutes.body()).contains("needs noShowReleaseMinutes");

        event.put("noShowReleaseAutomatic", "sometimes");
        assertThat(put(id, event).status()).as("not a yes or no").isEqualTo(400);
        event.put("noShowReleaseAutomatic", true);
        event.put("noShowReleaseMinutes", 20);
        assertThat(put(id, event).status()).isEqualTo(200);
        assertThat(stored(id).path("noShowReleaseAutomatic").asBoolean()).isTrue();
        assertThat(jdbc.sql("select detail from organiser_actions where event_id = :event and action = 'EVENT_CHANGED'")
                .param("event", id).query(String.class).list())
                .anySatisfy(detail -> assertThat(detail)
                        .contains("no-show release (minutes after start) 15 → 20 automatic"));

        String dashboard = mvc.perform(MockMvcRequestBuilders.get("/organiser/events/" + id + "/dashboard")
                .with(loggedInAs(VIEWER))).andReturn().getResponse().getContentAsString();
        assertThat(dashboard).containsPattern("class=\"automatic\">Spacer studyjny: [^<]*2030-05-06T10:20");

        String edit = mvc.perform(MockMvcRequestBuilders.get("/organiser/events/" + id + "/edit")
                .with(loggedInAs(ORGANISER))).andReturn().getResponse().getContentAsString();
        assertThat(edit).containsPattern("id=\"noShowReleaseAutomatic\"[^>]*checked");

        // the form's box left unticked switches it off; ticked without minutes, the form says what to do
        var unticked = mvc.perform(form(id).param("noShowReleaseMinutes", "20")).andReturn().getResponse();
        assertThat(unticked.getStatus()).as(unticked.getContentAsString()).isEqualTo(302);
        assertThat(stored(id).path("noShowReleaseAutomatic").asBoolean()).isFalse();
        var noMinutes = mvc.perform(form(id).param("noShowReleaseMinutes", "").param("noShowReleaseAutomatic", "true"))
                .andReturn().getResponse();
        assertThat(noMinutes.getStatus()).isEqualTo(400);
        assertThat(noMinutes.getContentAsString()).contains("href=\"#noShowReleaseAutomatic\"")
                .contains("id=\"noShowReleaseAutomatic-error\"");
        var ticked = mvc.perform(form(id).param("noShowReleaseMinutes", "15").param("noShowReleaseAutomatic", "true"))
                .andReturn().getResponse();
        assertThat(ticked.getStatus()).as(ticked.getContentAsString()).isEqualTo(302);
        assertThat(stored(id).path("noShowReleaseAutomatic").asBoolean()).isTrue();
        assertThat(stored(id).path("noShowReleaseMinutes").asInt()).isEqualTo(15);
    }

    private tools.jackson.databind.JsonNode stored(String eventId) {
        return send("GET", "/api/organiser/events/" + eventId, null, null,
                Map.of("Authorization", basic(ORGANISER, ORGANISER_PASSWORD))).json();
    }

    /** The event form of a 2030 event as an organiser posts it, without the no-show fields. */
    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder form(String eventId) {
        return post("/organiser/events/" + eventId).with(loggedInAs(ORGANISER)).with(csrf())
                .param("name", "Forum").param("timeZone", "Europe/Warsaw").param("startsOn", "2030-05-06")
                .param("endsOn", "2030-05-06").param("_waitlistEnabled", "on").param("waitlistEnabled", "true")
                .param("_noShowReleaseAutomatic", "on")
                .param("sessions[0].id", "plenary").param("sessions[0].title", "Sesja plenarna")
                .param("sessions[0].startsAt", "2030-05-06T09:00").param("sessions[0].endsAt", "2030-05-06T11:00")
                .param("sessions[0].capacity", "2")
                .param("sessions[1].id", "walk").param("sessions[1].title", "Spacer studyjny")
                .param("sessions[1].startsAt", "2030-05-06T12:00").param("sessions[1].endsAt", "2030-05-06T14:00")
                .param("sessions[1].capacity", "1");
    }
}
