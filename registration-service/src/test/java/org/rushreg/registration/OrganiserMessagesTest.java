package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rushreg.registration.TestOrganisers.ORGANISER;
import static org.rushreg.registration.TestOrganisers.ORGANISER_PASSWORD;
import static org.rushreg.registration.TestOrganisers.VIEWER;
import static org.rushreg.registration.TestOrganisers.VIEWER_PASSWORD;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.DeliveryStatus;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.SendOrganiserMessage;
import org.rushreg.messages.Topics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Messages from organisers (decision 0042) through the API: checked against the catalogue, audited and appended to
 * the event's log as a {@link SendOrganiserMessage}; organisers only; and the delivery report counting what the
 * capacity and notification services answered. Who is addressed is proved in the capacity-service
 * (OrganiserMessageTest), the emails in the notification-service (OrganiserMessageIntegrationTest).
 */
class OrganiserMessagesTest extends ServiceTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    JdbcClient jdbc;

    private StandInServices services;

    @BeforeEach
    void standIn() {
        services = new StandInServices(broker);
    }

    @AfterEach
    void close() {
        services.close();
    }

    private static Map<String, Object> message(String sessionId) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (sessionId != null) {
            body.put("sessionId", sessionId);
        }
        body.put("subjectPl", "Zmiana sali");
        body.put("bodyPl", "Panel odbędzie się w sali B.");
        body.put("subjectEn", "Room change");
        body.put("bodyEn", "The panel takes place in room B.");
        return body;
    }

    private Answer post(String eventId, Object body, String user, String password) {
        return send("POST", "/api/organiser/events/" + eventId + "/messages", "application/json",
                JSON.writeValueAsString(body), Map.of("Authorization", basic(user, password)));
    }

    private List<SendOrganiserMessage> sentTo(String eventId) {
        return commandLog().records().stream().filter(r -> eventId.equals(r.key()))
                .map(r -> MessageJson.fromBytes(r.value(), Topics.REGISTRATION_COMMANDS))
                .filter(SendOrganiserMessage.class::isInstance).map(SendOrganiserMessage.class::cast).toList();
    }

    @Test
    void anOrganisersMessageToASessionIsAuditedAppendedToTheEventsLogAndReported() {
        String id = organiserEvent("msg-", "Forum Miejskie", 2, 1);
        String session = "walk";

        Answer answer = post(id, message(session), ORGANISER, ORGANISER_PASSWORD);

        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        String messageId = answer.json().path("messageId").asString();
        SendOrganiserMessage command = await().atMost(PATIENCE).until(() -> sentTo(id), l -> !l.isEmpty()).get(0);
        assertThat(command.organiserMessageId()).isEqualTo(messageId);
        assertThat(command.messageId()).isEqualTo(answer.json().path("commandId").asString());
        assertThat(command.sessionId()).isEqualTo(session);
        assertThat(command.subjectPl()).isEqualTo("Zmiana sali");
        assertThat(command.bodyEn()).isEqualTo("The panel takes place in room B.");
        assertThat(jdbc.sql("select actor || ' ' || action || ' ' || detail from organiser_actions"
                        + " where event_id = :event and action = 'MESSAGE_SENT'")
                .param("event", id).query(String.class).list())
                .containsExactly(ORGANISER + " MESSAGE_SENT message " + messageId + " to session " + session);

        // What the capacity-service and the notification-service answer: three addressed, two sent, one failed.
        List<String> decisions = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        for (int i = 0; i < decisions.size(); i++) {
            services.addressed(id, "reg-" + i + "-" + id, messageId, decisions.get(i));
        }
        services.addressed(id, "reg-0-" + id, messageId, decisions.get(0)); // redelivered: counted once
        services.email(id, "reg-0-" + id, decisions.get(0), "ORGANISER_MESSAGE", DeliveryStatus.SENT);
        services.email(id, "reg-1-" + id, decisions.get(1), "ORGANISER_MESSAGE", DeliveryStatus.SENT);
        services.email(id, "reg-2-" + id, decisions.get(2), "ORGANISER_MESSAGE", DeliveryStatus.FAILED);

        JsonNode report = await().atMost(PATIENCE).until(() -> send("GET", "/api/organiser/events/" + id
                        + "/messages", null, null, Map.of("Authorization", basic(VIEWER, VIEWER_PASSWORD))).json(),
                r -> r.size() == 1 && r.get(0).path("sent").asLong() == 2 && r.get(0).path("failed").asLong() == 1);
        assertThat(report.get(0).path("messageId").asString()).isEqualTo(messageId);
        assertThat(report.get(0).path("addressed").asLong()).isEqualTo(3);
        assertThat(report.get(0).path("subjectEn").asString()).isEqualTo("Room change");
    }

    @Test
    void viewersMayNotSendAndBadMessagesAreRefusedNamingTheFields() {
        String id = organiserEvent("msg-", "Forum Miejskie", 2, 1);
        assertThat(post(id, message(null), VIEWER, VIEWER_PASSWORD).status()).isEqualTo(403);

        Map<String, Object> missing = message(null);
        missing.remove("bodyPl");
        missing.put("subjectEn", " ");
        Answer refused = post(id, missing, ORGANISER, ORGANISER_PASSWORD);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("errors").findValuesAsString("field")).containsExactly("bodyPl", "subjectEn");

        Map<String, Object> tooLong = message(null);
        tooLong.put("subjectPl", "x".repeat(151));
        Answer long1 = post(id, tooLong, ORGANISER, ORGANISER_PASSWORD);
        assertThat(long1.status()).isEqualTo(400);
        assertThat(long1.json().path("errors").get(0).path("message").asString()).contains("at most 150");

        Map<String, Object> mistyped = message(null);
        mistyped.put("bodyEn", List.of("not", "text"));
        Answer wrongType = post(id, mistyped, ORGANISER, ORGANISER_PASSWORD);
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().path("errors").get(0).path("field").asString()).isEqualTo("bodyEn");
        assertThat(send("POST", "/api/organiser/events/" + id + "/messages", "application/json", "{not json",
                Map.of("Authorization", basic(ORGANISER, ORGANISER_PASSWORD))).status()).isEqualTo(400);

        Answer ghost = post(id, message("ghost"), ORGANISER, ORGANISER_PASSWORD);
        assertThat(ghost.status()).isEqualTo(404);
        assertThat(ghost.json().path("detail").asString()).contains("ghost");
        assertThat(post("no-such-event", message(null), ORGANISER, ORGANISER_PASSWORD).status()).isEqualTo(404);

        assertThat(sentTo(id)).isEmpty();
        assertThat(jdbc.sql("select count(*) from organiser_actions where event_id = :event and action = 'MESSAGE_SENT'")
                .param("event", id).query(Long.class).single()).isZero();
    }
}
