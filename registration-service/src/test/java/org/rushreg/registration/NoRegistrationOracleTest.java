package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.ManageToken;
import org.rushreg.registration.registrant.RegistrationStatusView;
import org.rushreg.registration.registrant.RegistrationStatusView.SessionState;
import tools.jackson.databind.JsonNode;

/**
 * The public status of a second registration of an address (decision 0016): by default DESIGN §5's REJECTED with
 * ALREADY_REGISTERED; with PUBLIC_STATUS_HIDES_DUPLICATES=true only RECEIVED, with no sessions or reason. The
 * organiser's views show REJECTED / ALREADY_REGISTERED either way: they read the read model, not the public view.
 * The service runs here with the default (one shared context); the hiding is proved on the view policy,
 * {@link RegistrationStatusView#forAnyone(boolean)}, the one place the status API and pages go through.
 */
class NoRegistrationOracleTest extends ServiceTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void byDefaultADuplicateIsPubliclyRejectedAsAlreadyRegisteredAsDesignSection5Says() {
        String id = duplicate();

        JsonNode status = status(id);
        assertThat(status.path("status").asString()).as(status.toString()).isEqualTo("REJECTED");
        assertThat(status.path("reason").asString()).as(status.toString()).isEqualTo("ALREADY_REGISTERED");
        assertThat(get("/registrations/" + id + "?lang=en").body())
                .contains("This email address is already registered; we sent it a reminder.")
                .doesNotContain("request received");
        assertThat(get("/registrations/" + id + "?lang=pl").body()).contains("Ten adres e-mail jest już zarejestrowany");
        String token = new ManageToken(SECRET).sign(id, Instant.now().plusSeconds(3600));
        assertThat(get("/registrations/" + id + "/manage?lang=en&token=" + token).body())
                .contains("already registered").as("nothing to cancel").doesNotContain("/registrations/" + id + "/cancel");

        JsonNode attendee = inOrganiserExport(id);
        assertThat(attendee.path("status").asString()).isEqualTo("REJECTED");
        assertThat(attendee.path("reason").asString()).isEqualTo("ALREADY_REGISTERED");

        // With the duplicates hidden, this very registration would show only RECEIVED; the export is not affected.
        RegistrationStatusView shown = JSON.treeToValue(status, RegistrationStatusView.class).forAnyone(true);
        assertThat(shown).isEqualTo(new RegistrationStatusView(id, EVENT, "RECEIVED", List.of(), null));
        assertThat(inOrganiserExport(id).path("reason").asString()).isEqualTo("ALREADY_REGISTERED");
    }

    @Test
    void hidingDuplicatesShowsOnlyReceivedWithoutSessionsOrReason() {
        var duplicate = new RegistrationStatusView("r1", EVENT, "REJECTED",
                List.of(new SessionState("day-1", "REJECTED", null)), "ALREADY_REGISTERED");

        assertThat(duplicate.forAnyone(true))
                .isEqualTo(new RegistrationStatusView("r1", EVENT, "RECEIVED", List.of(), null));
        assertThat(duplicate.forAnyone(false)).as("off (the default): DESIGN §5").isEqualTo(duplicate);
    }

    @Test
    void hidingDuplicatesLeavesEveryOtherStatusAlone() {
        for (var view : List.of(
                new RegistrationStatusView("r1", EVENT, "REJECTED", List.of(new SessionState("day-1", "REJECTED", null)), "FULL"),
                new RegistrationStatusView("r2", EVENT, "REJECTED", List.of(), "REGISTRATION_CLOSED"),
                new RegistrationStatusView("r3", EVENT, "CONFIRMED", List.of(new SessionState("day-1", "CONFIRMED", null)), null),
                new RegistrationStatusView("r4", EVENT, "WAITLISTED", List.of(new SessionState("day-1", "WAITLISTED", 3)), null),
                new RegistrationStatusView("r5", EVENT, "PENDING", List.of(), null))) {
            assertThat(view.forAnyone(true)).isEqualTo(view);
        }
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

    /** A registration the capacity service refused as a second one of its address, once decided. */
    private String duplicate() {
        String id = register(registration("day-1")).json().path("registrationId").asString();
        try (StandInServices services = new StandInServices(broker)) {
            services.alreadyRegistered(id, Instant.now(), "day-1");
        }
        await().atMost(PATIENCE).until(() -> !"PENDING".equals(status(id).path("status").asString()));
        return id;
    }

    private JsonNode inOrganiserExport(String id) {
        Answer export = send("GET", "/api/organiser/events/" + EVENT + "/registrations.json", null, null,
                Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (TestOrganisers.ORGANISER + ":" + TestOrganisers.ORGANISER_PASSWORD)
                                .getBytes(StandardCharsets.UTF_8))));
        assertThat(export.status()).as(export.body()).isEqualTo(200);
        for (JsonNode row : export.json()) {
            if (row.path("registrationId").asString().equals(id)) {
                return row;
            }
        }
        throw new AssertionError("the duplicate " + id + " is not in the organiser's export");
    }

    private JsonNode status(String id) {
        return get("/api/registrations/" + id).json();
    }
}
