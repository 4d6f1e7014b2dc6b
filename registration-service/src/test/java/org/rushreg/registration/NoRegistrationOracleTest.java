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
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.ManageToken;
import org.rushreg.messages.RegistrationHeld;
import org.rushreg.registration.catalogue.EventCatalogue;
import org.rushreg.registration.registrant.RegistrationStatusView;
import org.rushreg.registration.registrant.RegistrationStatusView.SessionState;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The public status of a second registration of an address (decision 0016): by default DESIGN §5's REJECTED with
 * ALREADY_REGISTERED; with PUBLIC_STATUS_HIDES_DUPLICATES=true only RECEIVED, with no sessions or reason. The
 * organiser's views show REJECTED / ALREADY_REGISTERED either way: they read the read model, not the public view.
 * The service runs here with the default (one shared context); the hiding is proved on the view policy,
 * {@link RegistrationStatusView#forAnyone(boolean, boolean)}, the one place the status API and pages go through. Where
 * the event requires email verification, a hold, a duplicate and an expired hold all look alike until the address is
 * verified (decision 0035).
 */
class NoRegistrationOracleTest extends ServiceTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    EventCatalogue catalogue;

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
        RegistrationStatusView shown = JSON.treeToValue(status, RegistrationStatusView.class).forAnyone(true, false);
        assertThat(shown).isEqualTo(new RegistrationStatusView(id, EVENT, "RECEIVED", List.of(), null));
        assertThat(inOrganiserExport(id).path("reason").asString()).isEqualTo("ALREADY_REGISTERED");
    }

    @Test
    void hidingDuplicatesShowsOnlyReceivedWithoutSessionsOrReason() {
        var duplicate = new RegistrationStatusView("r1", EVENT, "REJECTED",
                List.of(new SessionState("day-1", "REJECTED", null)), "ALREADY_REGISTERED");

        assertThat(duplicate.forAnyone(true, false))
                .isEqualTo(new RegistrationStatusView("r1", EVENT, "RECEIVED", List.of(), null));
        assertThat(duplicate.forAnyone(false, false)).as("off (the default): DESIGN §5").isEqualTo(duplicate);
    }

    @Test
    void hidingDuplicatesLeavesEveryOtherStatusAlone() {
        for (var view : List.of(
                new RegistrationStatusView("r1", EVENT, "REJECTED", List.of(new SessionState("day-1", "REJECTED", null)), "FULL"),
                new RegistrationStatusView("r2", EVENT, "REJECTED", List.of(), "REGISTRATION_CLOSED"),
                new RegistrationStatusView("r3", EVENT, "CONFIRMED", List.of(new SessionState("day-1", "CONFIRMED", null)), null),
                new RegistrationStatusView("r4", EVENT, "WAITLISTED", List.of(new SessionState("day-1", "WAITLISTED", 3)), null),
                new RegistrationStatusView("r5", EVENT, "PENDING", List.of(), null))) {
            assertThat(view.forAnyone(true, false)).isEqualTo(view);
        }
    }

    @Test
    void whereTheEventRequiresVerificationAHoldADuplicateAndAnExpiryLookAlikeUntilTheAddressIsVerified() {
        EventDefinition reference = catalogue.find(EVENT).orElseThrow();
        assertThat(get("/events/" + EVENT + "?lang=en").body()).doesNotContain("verification-note");
        catalogue.save(reference.withEmailVerification(true, null));
        try (StandInServices services = new StandInServices(broker)) {
            assertThat(get("/events/" + EVENT + "?lang=en").body()).as("the form says what happens")
                    .contains("we will email you a link to confirm your address. Your places are held for 30 min");
            String held = register(registration("day-1")).json().path("registrationId").asString();
            RegistrationHeld hold = services.hold(held, Instant.now().plusSeconds(1800), "day-1");
            String duplicate = register(registration("day-1")).json().path("registrationId").asString();
            services.alreadyRegistered(duplicate, Instant.now(), "day-1");
            String expired = register(registration("day-1")).json().path("registrationId").asString();
            services.expire(services.hold(expired, Instant.now().plusSeconds(1800), "day-1"));
            await().atMost(PATIENCE).ignoreExceptions().until(() -> inOrganiserExport(expired).path("reason").asString()
                    .equals("HOLD_EXPIRED") && !inOrganiserExport(duplicate).path("status").asString().equals("PENDING")
                    && inOrganiserExport(held).path("status").asString().equals("HELD"));

            for (String id : List.of(held, duplicate, expired)) {
                JsonNode shown = status(id);
                assertThat(shown.path("status").asString()).as(id).isEqualTo("RECEIVED");
                assertThat(shown.path("sessions").size()).as(id).isZero();
                assertThat(shown.path("reason").isNull() || shown.path("reason").isMissingNode()).as(id).isTrue();
                assertThat(get("/registrations/" + id + "?lang=en").body()
                        .replace(id, "ID")).as("the same page for each")
                        .isEqualTo(get("/registrations/" + held + "?lang=en").body().replace(held, "ID"))
                        .contains("We have sent an email about it to the address given in the registration.");
            }
            assertThat(inOrganiserExport(duplicate).path("reason").asString()).as("organisers see why")
                    .isEqualTo("ALREADY_REGISTERED");

            services.verified(hold);
            await().atMost(PATIENCE).until(() -> "CONFIRMED".equals(status(held).path("status").asString()));
        } finally {
            catalogue.save(reference);
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
