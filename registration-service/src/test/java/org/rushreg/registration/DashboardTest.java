package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.DeliveryStatus;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.SessionSeats;
import org.rushreg.messages.SessionStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * The organiser dashboard against the embedded broker and database: registrations through the API, decisions,
 * seats and email outcomes on the topics as the other services write them; the dashboard shows them on the page,
 * as JSON and as SSE pushes. The database is shared with the other tests, so counts are compared before and after.
 */
class DashboardTest extends ServiceTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String DASHBOARD = "/organiser/events/" + StandInServices.EVENT + "/dashboard";

    @Autowired
    private MockMvc mvc;

    private StandInServices services;

    @BeforeEach
    void standIns() {
        services = new StandInServices(broker);
    }

    @AfterEach
    void closeStandIns() {
        services.close();
    }

    private Answer dashboardJson(String username, String password) {
        String credentials = Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        return send("GET", "/api/organiser/events/" + StandInServices.EVENT + "/dashboard", null, null,
                Map.of("Authorization", "Basic " + credentials));
    }

    private JsonNode dashboard() {
        Answer answer = dashboardJson(TestOrganisers.VIEWER, TestOrganisers.VIEWER_PASSWORD);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private String registerFrom(String organisation, String sector) {
        Answer answer = register(with(with(registration("day-1"), "organisation", organisation), "sector", sector));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        String id = answer.json().path("registrationId").asString();
        awaitRecorded(id);
        return id;
    }

    private static JsonNode row(JsonNode rows, String field, String value) {
        for (JsonNode row : rows) {
            if (value.equals(row.path(field).asString())) {
                return row;
            }
        }
        return null;
    }

    @Test
    void theDashboardShowsSeatsRegistrationsDecisionsAndEmailsAsTheTopicsReportThem() throws Exception {
        JsonNode before = dashboard();
        String organisation = "Muzeum Testowe " + UUID.randomUUID().toString().substring(0, 8);
        String confirmed = registerFrom(organisation, "science");
        String waitlisted = registerFrom(organisation.toUpperCase(), "science");
        String rejected = registerFrom("Urząd Miasta Krakowa", "local-government");
        Instant requested = Instant.now();
        RegistrationDecided confirmation = services.decide(confirmed, requested, SessionStatus.CONFIRMED, "day-1");
        RegistrationDecided waitlisting = services.decide(waitlisted, requested, SessionStatus.WAITLISTED, "day-1");
        RegistrationDecided rejection = services.decide(rejected, requested, SessionStatus.REJECTED, "day-1");
        services.seats(new SessionSeats("walk-revitalisation", 30, 28, 4), new SessionSeats("day-1", 600, 120, 0));
        String bounce = "550 mailbox unavailable " + UUID.randomUUID().toString().substring(0, 8);
        services.email(confirmation, DeliveryStatus.SENT, null);
        services.email(rejection, DeliveryStatus.FAILED, bounce);
        // Not sent on purpose (issue 15's reminder limit): counted, never listed as a problem.
        services.email(waitlisting, DeliveryStatus.SUPPRESSED, "a reminder went to this address within the last 24h");
        services.changeSessions(confirmed, "day-2");

        await().atMost(PATIENCE).until(() -> dashboard().path("latest").findValuesAsString("kind")
                .contains("SESSIONS_CHANGED")
                && row(dashboard().path("latest"), "registrationId", rejected) != null
                && dashboard().path("emails").path("failed").asLong() > before.path("emails").path("failed").asLong()
                && dashboard().path("emails").path("suppressed").asLong()
                    > before.path("emails").path("suppressed").asLong()
                && row(dashboard().path("sessions"), "id", "walk-revitalisation").path("confirmed").asInt() == 28);
        JsonNode after = dashboard();

        assertThat(after.path("eventName").asString()).isEqualTo("IV Kongres Polityki Miejskiej i Regionalnej");
        JsonNode walk = row(after.path("sessions"), "id", "walk-revitalisation");
        assertThat(walk.path("capacity").asInt()).isEqualTo(30);
        assertThat(walk.path("waitlisted").asInt()).isEqualTo(4);
        assertThat(walk.path("percentFull").asInt()).isEqualTo(93);
        assertThat(walk.path("alert").asBoolean()).as("28 of 30 is past 90%").isTrue();
        assertThat(row(after.path("sessions"), "id", "day-1").path("alert").asBoolean()).isFalse();

        JsonNode totals = after.path("totals");
        JsonNode totalsBefore = before.path("totals");
        assertThat(totals.path("received").asLong()).isGreaterThanOrEqualTo(totalsBefore.path("received").asLong() + 3);
        assertThat(totals.path("confirmed").asLong()).isGreaterThan(totalsBefore.path("confirmed").asLong());
        assertThat(totals.path("waitlisted").asLong()).isGreaterThan(totalsBefore.path("waitlisted").asLong());
        assertThat(totals.path("rejected").asLong()).isGreaterThan(totalsBefore.path("rejected").asLong());

        // Two spellings of one organisation count as one.
        JsonNode museum = row(after.path("organisations"), "name", organisation.toUpperCase());
        if (museum == null) {
            museum = row(after.path("organisations"), "name", organisation);
        }
        assertThat(museum).as("%s among the largest organisations: %s", organisation, after.path("organisations"))
                .isNotNull();
        assertThat(museum.path("total").asLong()).isEqualTo(2);
        assertThat(museum.path("confirmed").asLong()).isEqualTo(1);
        assertThat(row(after.path("sectors"), "name", "science").path("total").asLong())
                .isGreaterThanOrEqualTo(2);

        JsonNode latest = row(after.path("latest"), "registrationId", rejected);
        assertThat(latest.path("kind").asString()).isEqualTo("REJECTED");
        assertThat(latest.path("reason").asString()).isEqualTo("FULL");
        assertThat(latest.path("organisation").asString()).isEqualTo("Urząd Miasta Krakowa");
        assertThat(latest.path("at").asString()).matches("\\d\\d:\\d\\d:\\d\\d");
        assertThat(after.path("latest").findValuesAsString("kind")).contains("WAITLISTED", "SESSIONS_CHANGED");
        assertThat(after.toString()).doesNotContain("anna@example.org").doesNotContain("Nowak");

        assertThat(after.path("emails").path("sent").asLong())
                .isEqualTo(before.path("emails").path("sent").asLong() + 1);
        JsonNode problem = row(after.path("emails").path("problems"), "reason", bounce);
        assertThat(problem).as("the bounce is listed with its reason: %s", after.path("emails")).isNotNull();
        assertThat(problem.path("status").asString()).isEqualTo("FAILED");
        assertThat(problem.path("count").asLong()).isEqualTo(1);
        assertThat(after.path("emails").path("suppressed").asLong())
                .isEqualTo(before.path("emails").path("suppressed").asLong() + 1);
        assertThat(after.path("emails").path("problems").findValuesAsString("status")).doesNotContain("SUPPRESSED");

        JsonNode minutes = after.path("rate").path("minutes");
        assertThat(minutes).hasSize(60);
        long lastTwoMinutes = minutes.get(58).path("count").asLong() + minutes.get(59).path("count").asLong();
        assertThat(lastTwoMinutes).as("the three registrations of this test, just now").isGreaterThanOrEqualTo(3);

        String page = mvc.perform(MockMvcRequestBuilders.get(DASHBOARD).param("lang", "en")
                        .with(user(TestOrganisers.VIEWER).roles("VIEWER")))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Sessions nearly full")
                .contains("28 of 30 seats taken (93%), 4 on the waitlist")
                .contains(organisation.toUpperCase())
                .contains(bounce)
                .contains("sessions changed")
                .doesNotContain("??")
                .contains("sse-connect=\"" + DASHBOARD + "/stream\"")
                .doesNotContain("style=");
    }

    @Test
    void anOpenDashboardIsSentTheSectionsThatChangeWithoutAsking() throws Exception {
        MvcResult stream = mvc.perform(MockMvcRequestBuilders.get(DASHBOARD + "/stream").param("lang", "en")
                        .with(user(TestOrganisers.ORGANISER).roles("ORGANISER")))
                .andExpect(request().asyncStarted())
                .andReturn();
        // A new listener gets every section at once.
        await().atMost(PATIENCE).until(() -> content(stream).contains("event:emails"));
        assertThat(content(stream)).contains("event:seats", "event:totals", "event:rate", "event:latest");

        String id = registerFrom("Fundacja Strumień", "ngo");
        services.decide(id, Instant.now(), SessionStatus.CONFIRMED, "day-1");

        await().atMost(PATIENCE).until(() -> content(stream).contains(id));
        String pushed = content(stream);
        String latestEvent = pushed.substring(pushed.lastIndexOf("event:latest"));
        assertThat(latestEvent).contains("data-registration=\"" + id + "\"").contains("confirmed");
        stream.getRequest().getAsyncContext().complete();
    }

    private static String content(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void theDashboardIsOnlyForPeopleWhoLoggedIn() throws Exception {
        mvc.perform(MockMvcRequestBuilders.get(DASHBOARD)).andExpect(status().is3xxRedirection());
        mvc.perform(MockMvcRequestBuilders.get(DASHBOARD + "/stream")).andExpect(status().is3xxRedirection());
        assertThat(dashboardJson(TestOrganisers.VIEWER, "wrong").status()).isEqualTo(401);
        assertThat(send("GET", "/api/organiser/events/" + StandInServices.EVENT + "/dashboard", null, null, Map.of())
                .status()).isEqualTo(401);
    }

    @Test
    void anUnknownEventHasNoDashboard() {
        assertThat(dashboardJson(TestOrganisers.ORGANISER, TestOrganisers.ORGANISER_PASSWORD).status()).isEqualTo(200);
        Answer unknown = send("GET", "/api/organiser/events/no-such-event/dashboard", null, null,
                Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (TestOrganisers.ORGANISER + ":" + TestOrganisers.ORGANISER_PASSWORD)
                                .getBytes(StandardCharsets.UTF_8))));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }
}
