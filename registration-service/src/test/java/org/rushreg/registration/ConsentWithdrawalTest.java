package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.ManageToken;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Withdrawal of the optional consent (news about future events) on the manage page (issue 14, decision 0043): only
 * with the manage link's token and the page's CSRF token, recorded with when and which version, audited by
 * registration id without the person, once (a second press changes nothing and says so), and the organiser's
 * export shows the consent as no longer given.
 */
class ConsentWithdrawalTest extends ServiceTestSupport {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient database;


    private static String tokenFor(String id) {
        return new ManageToken(SECRET).sign(id, Instant.now().plusSeconds(3600));
    }

    private String registered(Map<String, Object> body) {
        Answer answer = register(body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        String id = answer.json().path("registrationId").asString();
        awaitRecorded(id);
        return id;
    }

    private static Map<String, Object> withNews(Map<String, Object> body) {
        return with(body, "consents", Map.of("terms", true, "privacy", true, "newsletter", true));
    }

    private MockHttpServletResponse withdraw(String id, String token) throws Exception {
        var request = post("/registrations/" + id + "/consents/optional/withdrawal").with(csrf());
        return mvc.perform(token == null ? request : request.param("token", token)).andReturn().getResponse();
    }

    private MockHttpServletResponse page(String url) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(url)).andReturn().getResponse();
    }

    private List<String> auditOf(String id) {
        return database.sql("""
                        select actor || ' ' || action || ' ' || coalesce(event_id, '') || ' ' || coalesce(detail, '')
                        from organiser_actions where registration_id = :id and action = 'CONSENT_WITHDRAWN'""")
                .param("id", id).query(String.class).list();
    }

    @Test
    void aRegistrantWithdrawsTheOptionalConsentOnceAndTheExportShowsIt() throws Exception {
        Map<String, Object> body = withNews(registration("day-1"));
        String email = (String) body.get("email");
        String id = registered(body);
        String kept = registered(withNews(registration("day-1")));
        String token = tokenFor(id);

        String manage = page("/registrations/" + id + "/manage?lang=en&token=" + token).getContentAsString();
        assertThat(manage).contains("id=\"optional-consent\"").contains("text version 2024-06-01")
                .contains("Withdraw my consent to news");

        assertThat(mvc.perform(post("/registrations/" + id + "/consents/optional/withdrawal").param("token", token))
                .andReturn().getResponse().getStatus()).as("without the page's CSRF token").isEqualTo(403);
        assertThat(withdraw(id, "forged").getStatus()).as("a bad manage token").isEqualTo(403);
        assertThat(withdraw(id, null).getStatus()).as("no manage token").isEqualTo(403);
        assertThat(database.sql("select optional_consent from registrations where id = :id").param("id", id)
                .query(Boolean.class).single()).as("nothing withdrawn by the refused requests").isTrue();

        Instant before = Instant.now().minusSeconds(1);
        MockHttpServletResponse withdrawn = withdraw(id, token);
        assertThat(withdrawn.getStatus()).isEqualTo(302);
        assertThat(withdrawn.getRedirectedUrl()).contains("/registrations/" + id + "/manage?token=")
                .endsWith("&consent=withdrawn");
        var recorded = database.sql("""
                        select optional_consent, newsletter_version, newsletter_withdrawn_at from registrations
                        where id = :id""").param("id", id)
                .query((rs, n) -> List.of(rs.getBoolean(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .single();
        assertThat(recorded.get(0)).isEqualTo(false);
        assertThat(recorded.get(1)).as("the version withdrawn").isEqualTo("2024-06-01");
        assertThat((Instant) recorded.get(2)).isAfter(before);
        assertThat(auditOf(id)).singleElement().asString().startsWith("registrant CONSENT_WITHDRAWN " + EVENT)
                .contains("2024-06-01").doesNotContainIgnoringCase(email).doesNotContain("Nowak");

        String after = page(withdrawn.getRedirectedUrl() + "&lang=en").getContentAsString();
        assertThat(after).contains("id=\"consent-withdrawn\"").contains("You withdrew this consent on")
                .doesNotContain("Withdraw my consent to news");

        MockHttpServletResponse again = withdraw(id, token);
        assertThat(again.getRedirectedUrl()).endsWith("&consent=already-withdrawn");
        assertThat(page(again.getRedirectedUrl()).getContentAsString()).contains("Ta zgoda była już wycofana");
        assertThat(auditOf(id)).as("a second withdrawal records nothing").hasSize(1);

        Answer csv = send("GET", "/api/organiser/events/" + EVENT + "/registrations.csv", null, null,
                Map.of("Authorization", basic(TestOrganisers.VIEWER, TestOrganisers.VIEWER_PASSWORD)));
        assertThat(csv.status()).isEqualTo(200);
        List<String> lines = List.of(csv.body().split("\r\n"));
        int column = List.of(lines.get(0).split(",")).indexOf("optionalConsent");
        assertThat(column).isPositive();
        assertThat(lines.stream().filter(l -> l.startsWith(id)).findFirst().orElseThrow().split(",")[column])
                .isEqualTo("false");
        assertThat(lines.stream().filter(l -> l.startsWith(kept)).findFirst().orElseThrow().split(",")[column])
                .as("another registrant's consent stays").isEqualTo("true");
    }

    @Test
    void aRegistrationWithoutTheOptionalConsentHasNothingToWithdraw() throws Exception {
        String id = registered(registration("day-1"));

        assertThat(page("/registrations/" + id + "/manage?token=" + tokenFor(id)).getContentAsString())
                .doesNotContain("id=\"optional-consent\"");
        MockHttpServletResponse refused = withdraw(id, tokenFor(id));
        assertThat(refused.getStatus()).isEqualTo(409);
        assertThat(auditOf(id)).isEmpty();
    }
}
