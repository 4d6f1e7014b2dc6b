package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.ChangeSessions;
import org.rushreg.messages.EventSummary;
import org.rushreg.messages.ManageToken;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.RejectionReason;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.SessionCancelledByOrganiser;
import org.rushreg.messages.SessionsChanged;
import org.rushreg.messages.Topics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** Changing the sessions of a registration: through the API and the manage page, and the answer in the read model. */
class ChangeSessionsTest extends ServiceTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    MockMvc mvc;

    private List<ChangeSessions> changesOf(String registrationId) {
        return commandLog().commands().stream().filter(c -> c instanceof ChangeSessions change
                        && change.registrationId().equals(registrationId))
                .map(ChangeSessions.class::cast).toList();
    }

    private static String tokenFor(String id) {
        return new ManageToken(SECRET).sign(id, Instant.now().plusSeconds(3600));
    }

    private void publish(RegistrationOutcome outcome) {
        var producers = new DefaultKafkaProducerFactory<>(KafkaTestUtils.producerProps(broker),
                new StringSerializer(), new ByteArraySerializer());
        try {
            new KafkaTemplate<>(producers).send(Topics.REGISTRATION_DECISIONS.name(), outcome.registrationId(),
                    MessageJson.toBytes(outcome)).join();
        } finally {
            producers.destroy();
        }
    }

    private static SessionsChanged changed(String id, RejectionReason reason, SessionOutcome... sessions) {
        return new SessionsChanged(Schema.newMessageId(), Instant.now(), Schema.VERSION, id, EVENT,
                Schema.newMessageId(), RegistrationStatus.CONFIRMED, reason, List.of(sessions), List.of(),
                new EventSummary(EVENT, "Kongres", null, null, "Europe/Warsaw", null, null, null));
    }

    @Test
    void theApiAsksTheCapacityServiceForTheNewChoiceOnlyWithAValidTokenAndAValidChoice() {
        String id = register(registration("day-1")).json().path("registrationId").asString();
        String path = "/api/registrations/" + id + "/sessions?token=";

        Answer forged = send("PUT", path + "1.forged", "application/json", "{\"sessionIds\":[\"day-2\"]}",
                Map.of());
        assertThat(forged.status()).isEqualTo(403);
        Answer empty = send("PUT", path + tokenFor(id), "application/json", "{\"sessionIds\":[]}", Map.of());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.contentType()).startsWith("application/problem+json");
        assertThat(empty.body()).contains("sessionIds");
        Answer unknown = send("PUT", path + tokenFor(id), "application/json", "{\"sessionIds\":[\"no-such\"]}",
                Map.of());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("no-such");

        Answer accepted = send("PUT", path + tokenFor(id), "application/json", "{\"sessionIds\":[\"day-2\"]}",
                Map.of());

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String changeId = accepted.json().path("changeId").asString();
        await().atMost(PATIENCE).until(() -> changesOf(id).size() == 1);
        ChangeSessions change = changesOf(id).get(0);
        assertThat(change.messageId()).isEqualTo(changeId);
        assertThat(change.eventId()).isEqualTo(EVENT);
        assertThat(change.sessionIds()).containsExactly("day-2");
    }

    @Test
    void aSessionCancelledByTheOrganiserShowsAsCancelledAndARegistrationLeftWithNothingIsCancelled() {
        String id = register(registration("day-1")).json().path("registrationId").asString();
        SessionOutcome day1 = new SessionOutcome("day-1", "Day 1", Instant.now(), Instant.now(),
                SessionStatus.CANCELLED, null);

        publish(new SessionCancelledByOrganiser(Schema.newMessageId(), Instant.now(), Schema.VERSION, id, EVENT,
                Schema.newMessageId(), RegistrationStatus.CANCELLED, day1, SessionStatus.CONFIRMED, List.of(day1),
                new EventSummary(EVENT, "Kongres", null, null, "Europe/Warsaw", null, null, null)));

        await().atMost(PATIENCE).until(() -> "CANCELLED".equals(get("/api/registrations/" + id).json()
                .path("status").asString()));
        var status = get("/api/registrations/" + id).json();
        assertThat(status.path("sessions").get(0).path("sessionId").asString()).isEqualTo("day-1");
        assertThat(status.path("sessions").get(0).path("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void aMadeChangeReplacesTheSessionsInTheStatusAndARefusedOneShowsOnTheManagePage() throws Exception {
        String id = register(registration("day-1")).json().path("registrationId").asString();
        publish(changed(id, null, new SessionOutcome("day-2", "Day 2", Instant.now(), Instant.now(),
                SessionStatus.CONFIRMED, null)));

        await().atMost(PATIENCE).until(() -> get("/api/registrations/" + id).json().path("sessions").toString()
                .contains("day-2"));
        var status = get("/api/registrations/" + id).json();
        assertThat(status.path("status").asString()).isEqualTo("CONFIRMED");
        assertThat(status.path("sessions").size()).as("day-1 was given back").isEqualTo(1);

        publish(changed(id, RejectionReason.REGISTRATION_CLOSED));
        await().atMost(PATIENCE).until(() -> manage(id).getContentAsString().contains("id=\"change-refused\""));
        assertThat(manage(id).getContentAsString()).contains("Rejestracja była już zamknięta");
        assertThat(get("/api/registrations/" + id).json().path("sessions").toString()).contains("day-2");
    }

    @Test
    void theManagePageOffersTheSessionsWithTheHeldOnesTickedAndSendsTheChangeWithCsrf() throws Exception {
        String id = register(registration("day-1")).json().path("registrationId").asString();
        publish(changed(id, null, new SessionOutcome("day-1", "Day 1", Instant.now(), Instant.now(),
                SessionStatus.CONFIRMED, null)));
        await().atMost(PATIENCE).until(() -> manage(id).getContentAsString().contains("change-heading"));

        String page = manage(id).getContentAsString();
        assertThat(page).contains("Zmień wybrane sesje").containsPattern("value=\"day-1\"\\s+checked")
                .contains("for=\"change-day-2\"");

        String token = tokenFor(id);
        assertThat(mvc.perform(post("/registrations/" + id + "/sessions").param("token", token)
                .param("sessionIds", "day-2")).andReturn().getResponse().getStatus()).isEqualTo(403);
        MockHttpServletResponse none = mvc.perform(post("/registrations/" + id + "/sessions").with(csrf())
                .param("token", token)).andReturn().getResponse();
        assertThat(none.getStatus()).isEqualTo(400);
        assertThat(none.getContentAsString()).contains("id=\"sessionIds-error\"");
        MockHttpServletResponse sent = mvc.perform(post("/registrations/" + id + "/sessions").with(csrf())
                .param("token", token).param("sessionIds", "day-1", "day-2")).andReturn().getResponse();
        assertThat(sent.getStatus()).isEqualTo(302);
        assertThat(sent.getRedirectedUrl()).contains("/registrations/" + id + "/manage?token=")
                .endsWith("&change=requested");
        await().atMost(PATIENCE).until(() -> changesOf(id).size() == 1);
        assertThat(changesOf(id).get(0).sessionIds()).containsExactly("day-1", "day-2");

        var english = mvc.perform(MockMvcRequestBuilders.get(sent.getRedirectedUrl()).param("lang", "en"))
                .andReturn().getResponse();
        assertThat(english.getContentAsString()).contains("We have your change");
    }

    private MockHttpServletResponse manage(String id) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get("/registrations/" + id + "/manage")
                .param("token", tokenFor(id))).andReturn().getResponse();
    }
}
