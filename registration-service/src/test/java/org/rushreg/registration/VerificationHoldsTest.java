package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;


import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.ManageToken;
import org.rushreg.messages.RegistrationHeld;
import org.rushreg.messages.VerifyEmail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;

/**
 * Email verification holds (decision 0030) as the registrant and the organiser see them: the status page says to
 * check the email, the link's page verifies only when its button is pressed (mail scanners follow links), with a
 * token nobody can guess, and answers plainly for a hold verified already or expired; the dashboard counts holds
 * and expiries.
 */
class VerificationHoldsTest extends ServiceTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    MockMvc mvc;

    private StandInServices services;

    @BeforeEach
    void standIns() {
        services = new StandInServices(broker);
    }

    @AfterEach
    void closeStandIns() {
        services.close();
    }

    @Test
    void aHoldSaysCheckYourEmailAndOnlyThePressedButtonVerifiesIt() throws Exception {
        String id = registerAndHold();
        assertThat(status(id).path("status").asString()).isEqualTo("HELD");
        assertThat(page(MockMvcRequestBuilders.get("/registrations/" + id).param("lang", "en")).getContentAsString())
                .contains("Check your email", "seat held until you confirm your address");

        MockHttpServletResponse forged = page(MockMvcRequestBuilders.get("/registrations/" + id + "/verify").param("token", "1.forged"));
        assertThat(forged.getStatus()).isEqualTo(403);
        MockHttpServletResponse another = page(MockMvcRequestBuilders.get("/registrations/" + id + "/verify")
                .param("token", tokenFor("another-registration")));
        assertThat(another.getStatus()).as("a token is for one registration").isEqualTo(403);

        MockHttpServletResponse link = page(MockMvcRequestBuilders.get("/registrations/" + id + "/verify").param("token", tokenFor(id))
                .param("lang", "en"));
        assertThat(link.getStatus()).isEqualTo(200);
        assertThat(link.getContentAsString()).contains("Confirm my email address", "id=\"verify\"",
                "action=\"/registrations/" + id + "/verify\"");
        assertThat(verificationsOf(id)).as("following the link verifies nothing").isEmpty();

        MockHttpServletResponse pressed = mvc.perform(post("/registrations/" + id + "/verify")
                .param("token", tokenFor(id)).with(csrf())).andReturn().getResponse();
        assertThat(pressed.getStatus()).isEqualTo(302);
        assertThat(pressed.getRedirectedUrl()).isEqualTo("/registrations/" + id + "?verify=requested");
        await().atMost(PATIENCE).until(() -> verificationsOf(id).size() == 1);
        assertThat(verificationsOf(id).get(0).eventId()).isEqualTo(EVENT);

        MockHttpServletResponse withoutToken = mvc.perform(post("/registrations/" + id + "/verify").with(csrf()))
                .andReturn().getResponse();
        assertThat(withoutToken.getStatus()).isEqualTo(403);
    }

    @Test
    void aPromotionWhileHeldStaysAHoldAndTheVerifiedDecisionConfirms() throws Exception {
        String id = register(registration("day-1")).json().path("registrationId").asString();
        RegistrationHeld held = services.hold(id, Instant.now().plusSeconds(1800), "day-1");
        services.promote(id, "day-1");
        await().atMost(PATIENCE).until(() -> feedKinds(id).contains("PROMOTED"));
        assertThat(status(id).path("status").asString()).isEqualTo("HELD");

        services.verified(held);
        await().atMost(PATIENCE).until(() -> "CONFIRMED".equals(status(id).path("status").asString()));

        MockHttpServletResponse link = page(MockMvcRequestBuilders.get("/registrations/" + id + "/verify").param("token", tokenFor(id))
                .param("lang", "en"));
        assertThat(link.getContentAsString()).contains("This address is confirmed already")
                .doesNotContain("id=\"verify\"");
        mvc.perform(post("/registrations/" + id + "/verify").param("token", tokenFor(id)).with(csrf()));
        assertThat(verificationsOf(id)).as("a verified registration is not verified again").isEmpty();
    }

    @Test
    void anExpiredHoldIsShownAsExpiredCountedAndNotVerifiedAnyMore() throws Exception {
        JsonNode before = dashboard().path("totals");
        String id = register(registration("day-1")).json().path("registrationId").asString();
        RegistrationHeld held = services.hold(id, Instant.now().plusSeconds(1800), "day-1");
        await().atMost(PATIENCE).until(() -> "HELD".equals(status(id).path("status").asString()));
        assertThat(dashboard().path("totals").path("held").asLong())
                .isGreaterThan(before.path("held").asLong());

        services.expire(held);
        await().atMost(PATIENCE).until(() -> "CANCELLED".equals(status(id).path("status").asString()));
        assertThat(status(id).path("reason").asString()).isEqualTo("HOLD_EXPIRED");
        assertThat(page(MockMvcRequestBuilders.get("/registrations/" + id).param("lang", "en")).getContentAsString())
                .contains("The email address was not confirmed in time");

        MockHttpServletResponse link = page(MockMvcRequestBuilders.get("/registrations/" + id + "/verify").param("token", tokenFor(id))
                .param("lang", "en"));
        assertThat(link.getContentAsString()).contains("The hold expired", "Register again")
                .doesNotContain("id=\"verify\"");
        MockHttpServletResponse late = mvc.perform(post("/registrations/" + id + "/verify")
                .param("token", tokenFor(id)).param("lang", "en").with(csrf())).andReturn().getResponse();
        assertThat(late.getStatus()).isEqualTo(200);
        assertThat(late.getContentAsString()).contains("The hold expired");
        assertThat(verificationsOf(id)).isEmpty();

        JsonNode after = dashboard().path("totals");
        assertThat(after.path("expired").asLong()).isEqualTo(before.path("expired").asLong() + 1);
        assertThat(after.path("cancelled").asLong()).as("an expiry is no cancellation")
                .isEqualTo(before.path("cancelled").asLong());
        assertThat(dashboard().path("latest").findValuesAsString("kind")).contains("HELD", "HOLD_EXPIRED");
    }

    @Test
    void anUnknownRegistrationsLinkIsNotFound() throws Exception {
        String unknown = "00000000-0000-0000-0000-000000000000";
        assertThat(page(MockMvcRequestBuilders.get("/registrations/" + unknown + "/verify").param("token", tokenFor(unknown))).getStatus())
                .isEqualTo(404);
    }

    private String registerAndHold() {
        String id = register(registration("day-1")).json().path("registrationId").asString();
        services.hold(id, Instant.now().plusSeconds(1800), "day-1");
        await().atMost(PATIENCE).until(() -> "HELD".equals(status(id).path("status").asString()));
        return id;
    }

    private JsonNode status(String id) {
        return get("/api/registrations/" + id).json();
    }

    private MockHttpServletResponse page(org.springframework.test.web.servlet.RequestBuilder request)
            throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        return response;
    }

    private List<VerifyEmail> verificationsOf(String id) {
        return commandLog().commands().stream()
                .filter(c -> c instanceof VerifyEmail v && v.registrationId().equals(id))
                .map(VerifyEmail.class::cast).toList();
    }

    private List<String> feedKinds(String id) {
        return readModel.sql("select kind from outcomes where registration_id = :id").param("id", id)
                .query(String.class).list();
    }

    @Autowired
    private org.springframework.jdbc.core.simple.JdbcClient readModel;

    private static String tokenFor(String id) {
        return new ManageToken(SECRET).sign(id, Instant.now().plusSeconds(3600));
    }

    private JsonNode dashboard() {
        String credentials = Base64.getEncoder().encodeToString((TestOrganisers.VIEWER + ":"
                + TestOrganisers.VIEWER_PASSWORD).getBytes(StandardCharsets.UTF_8));
        Answer answer = send("GET", "/api/organiser/events/" + EVENT + "/dashboard", null, null,
                Map.of("Authorization", "Basic " + credentials));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }
}
