package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.ManageToken;
import tools.jackson.databind.JsonNode;

/**
 * Anyone may post anyone's address, so the status of a second registration of an address must not tell that the
 * address is registered: the API and the status page say only that the request was received and an email sent.
 * The organiser still sees why (decision 0016).
 */
class NoRegistrationOracleTest extends ServiceTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void aDuplicateShowsAsReceivedToAnyoneAndAsAlreadyRegisteredToTheOrganiser() {
        String id = register(registration("day-1")).json().path("registrationId").asString();
        try (StandInServices services = new StandInServices(broker)) {
            services.alreadyRegistered(id, Instant.now(), "day-1");
        }
        await().atMost(PATIENCE).until(() -> !"PENDING".equals(status(id).path("status").asString()));

        JsonNode status = status(id);
        assertThat(status.path("status").asString()).isEqualTo("RECEIVED");
        assertThat(status.path("reason").isNull()).as(status.toString()).isTrue();
        assertThat(status.path("sessions").isEmpty()).as(status.toString()).isTrue();
        assertThat(status.toString()).doesNotContain("REJECTED").doesNotContain("ALREADY_REGISTERED");

        String page = get("/registrations/" + id + "?lang=en").body();
        assertThat(page).contains("request received")
                .contains("We have sent an email about it to the address given in the registration.")
                .doesNotContainIgnoringCase("already registered").doesNotContainIgnoringCase("rejected");
        assertThat(get("/registrations/" + id + "?lang=pl").body()).contains("zgłoszenie przyjęte")
                .doesNotContainIgnoringCase("już zarejestrowany").doesNotContainIgnoringCase("odrzucona");
        String token = new ManageToken(SECRET).sign(id, Instant.now().plusSeconds(3600));
        assertThat(get("/registrations/" + id + "/manage?lang=en&token=" + token).body()).contains("request received")
                .as("nothing to cancel").doesNotContain("/registrations/" + id + "/cancel");

        Answer export = send("GET", "/api/organiser/events/" + EVENT + "/registrations.json", null, null,
                Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (TestOrganisers.ORGANISER + ":" + TestOrganisers.ORGANISER_PASSWORD)
                                .getBytes(StandardCharsets.UTF_8))));
        assertThat(export.status()).as(export.body()).isEqualTo(200);
        JsonNode attendee = null;
        for (JsonNode row : export.json()) {
            if (row.path("registrationId").asString().equals(id)) {
                attendee = row;
            }
        }
        assertThat(attendee).as("the duplicate in the organiser's export").isNotNull();
        assertThat(attendee.path("status").asString()).isEqualTo("REJECTED");
        assertThat(attendee.path("reason").asString()).isEqualTo("ALREADY_REGISTERED");
    }

    @Test
    void aRefusalForAnotherReasonStillSaysWhy() {
        String id = register(registration("day-1")).json().path("registrationId").asString();
        try (StandInServices services = new StandInServices(broker)) {
            services.decide(id, Instant.now(), org.rushreg.messages.SessionStatus.REJECTED, "day-1");
        }
        await().atMost(PATIENCE).until(() -> !"PENDING".equals(status(id).path("status").asString()));
        JsonNode status = status(id);
        assertThat(status.path("status").asString()).isEqualTo("REJECTED");
        assertThat(status.path("reason").asString()).isEqualTo("FULL");
    }

    private JsonNode status(String id) {
        return get("/api/registrations/" + id).json();
    }
}
