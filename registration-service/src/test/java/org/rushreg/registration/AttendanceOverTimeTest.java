package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.ScanResult;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.TicketScanned;
import org.rushreg.registration.organiser.OrganiserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;

/**
 * Arrivals per door over time and the no-show rate of sessions that started, from the scans the read model
 * recorded (issue 16): the stand-in plays the capacity-service's decisions of scans.
 */
class AttendanceOverTimeTest extends ServiceTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private StandInServices services;

    @Autowired
    MockMvc mvc;

    @BeforeEach
    void standIn() {
        services = new StandInServices(broker);
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void admissionsAreCountedPerQuarterOfAnHourPerDoorAndTheNoShowRateFollows() throws Exception {
        String id = register(registration("day-1")).json().path("registrationId").asString();
        awaitRecorded(id);
        services.decide(id, Instant.now(), SessionStatus.CONFIRMED, "day-1");
        Instant at = Instant.parse("2024-10-07T07:47:00Z");
        services.scanned(new TicketScanned(Schema.newMessageId(), Instant.now(), Schema.VERSION, EVENT,
                "quarter-" + id, id, "day-1", at, ScanResult.ADMITTED, at, false));
        Map<String, String> viewer = Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (TestOrganisers.VIEWER + ":" + TestOrganisers.VIEWER_PASSWORD).getBytes()));

        JsonNode day1 = await().atMost(PATIENCE).until(() -> {
            Answer answer = send("GET", "/api/organiser/events/" + EVENT + "/dashboard/attendance", null, null,
                    viewer);
            assertThat(answer.status()).isEqualTo(200);
            for (JsonNode session : answer.json().path("sessions")) {
                if (session.path("sessionId").asString().equals("day-1")) {
                    return session;
                }
            }
            return null;
        }, session -> session != null && hasSlot(session, "2024-10-07T07:45:00Z"));

        long confirmed = day1.path("confirmed").asLong();
        long present = day1.path("present").asLong();
        assertThat(present).isPositive();
        if (confirmed > 0) {
            assertThat(day1.path("noShowPercent").asInt())
                    .isEqualTo((int) Math.round(100.0 * Math.max(0, confirmed - present) / confirmed));
        } else {
            assertThat(day1.path("noShowPercent").isNull()).isTrue();
        }
        assertThat(send("GET", "/api/organiser/events/no-such-event/dashboard/attendance", null, null, viewer)
                .status()).isEqualTo(404);
        String page = mvc.perform(MockMvcRequestBuilders.get("/organiser/events/" + EVENT + "/dashboard")
                        .with(SecurityMockMvcRequestPostProcessors.user(TestOrganisers.VIEWER)
                                .roles(OrganiserAccounts.VIEWER)))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"arrivals\"", "07.10 09:45: "); // the quarter in Warsaw time

    }

    private static boolean hasSlot(JsonNode session, String from) {
        for (JsonNode slot : session.path("arrivals")) {
            if (Instant.parse(slot.path("from").asString()).equals(Instant.parse(from))
                    && slot.path("count").asLong() >= 1) {
                return true;
            }
        }
        return false;
    }
}
