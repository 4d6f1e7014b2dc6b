package org.rushreg.registration.organiser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rushreg.registration.TestOrganisers.CHECKIN;
import static org.rushreg.registration.TestOrganisers.CHECKIN_PASSWORD;
import static org.rushreg.registration.TestOrganisers.ORGANISER;
import static org.rushreg.registration.TestOrganisers.ORGANISER_PASSWORD;
import static org.rushreg.registration.TestOrganisers.VIEWER;
import static org.rushreg.registration.TestOrganisers.VIEWER_PASSWORD;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rushreg.registration.ServiceTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The organiser area is closed: pages send anonymous people to the login, the API answers 401 with a Basic
 * challenge, the read-only VIEWER gets 403 on every write, forms need their CSRF token, and the public pages stay
 * public.
 */
class OrganiserSecurityTest extends ServiceTestSupport {

    static final String EVENT = "kongres-2024";

    /** Every organiser page a person reads. */
    static final List<String> PAGES = List.of("/organiser", "/organiser/events/new",
            "/organiser/events/" + EVENT + "/edit", "/organiser/events/" + EVENT + "/attendees", "/organiser/audit",
            "/organiser/events/" + EVENT + "/registrations.csv", "/organiser/events/" + EVENT + "/registrations.json");

    /** Every organiser form a person sends (POST). */
    static final List<String> FORMS = List.of("/organiser/events", "/organiser/events/" + EVENT,
            "/organiser/events/" + EVENT + "/attendees/00000000-0000-0000-0000-000000000000/cancel");

    /** Every organiser API read. */
    static final List<String> API_READS = List.of("/api/organiser/events", "/api/organiser/events/" + EVENT,
            "/api/organiser/events/" + EVENT + "/registrations.csv",
            "/api/organiser/events/" + EVENT + "/registrations.json");

    /** Every organiser API write, as method and path. */
    static final List<String[]> API_WRITES = List.of(new String[] {"PUT", "/api/organiser/events/" + EVENT},
            new String[] {"POST", "/api/organiser/events/" + EVENT
                    + "/registrations/00000000-0000-0000-0000-000000000000/cancel"},
            new String[] {"DELETE", "/api/organiser/events/" + EVENT});

    @Autowired
    MockMvc mvc;

    private MockHttpServletResponse perform(RequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    @Test
    void anonymousPeopleAreSentToTheLoginPage() throws Exception {
        for (String page : PAGES) {
            var answer = perform(MockMvcRequestBuilders.get(page));
            assertThat(answer.getStatus()).as(page).isEqualTo(302);
            assertThat(answer.getRedirectedUrl()).as(page).endsWith("/organiser/login");
        }
        for (String form : FORMS) {
            var answer = perform(MockMvcRequestBuilders.post(form).with(csrf()));
            assertThat(answer.getStatus()).as(form).isEqualTo(302);
            assertThat(answer.getRedirectedUrl()).as(form).endsWith("/organiser/login");
        }
    }

    @Test
    void anonymousProgramsGet401WithABasicChallenge() {
        for (String path : API_READS) {
            var answer = get(path);
            assertThat(answer.status()).as(path).isEqualTo(401);
            assertThat(answer.raw().headers().firstValue("WWW-Authenticate")).as(path)
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm="));
        }
        for (String[] write : API_WRITES) {
            var answer = send(write[0], write[1], "application/json", "{}", Map.of());
            assertThat(answer.status()).as(write[1]).isEqualTo(401);
        }
        var wrongPassword = send("GET", "/api/organiser/events", null, null,
                Map.of("Authorization", basic(ORGANISER, "wrong")));
        assertThat(wrongPassword.status()).isEqualTo(401);
    }

    @Test
    void theLoginPageIsPublicInBothLanguagesAndCarriesACsrfToken() throws Exception {
        var polish = perform(MockMvcRequestBuilders.get("/organiser/login"));
        assertThat(polish.getStatus()).isEqualTo(200);
        assertThat(polish.getContentAsString()).contains("<html lang=\"pl\"").contains("Logowanie organizatora")
                .contains("name=\"username\"").contains("name=\"password\"").contains("name=\"_csrf\"");
        var english = perform(MockMvcRequestBuilders.get("/organiser/login").param("lang", "en"));
        assertThat(english.getContentAsString()).contains("<html lang=\"en\"").contains("Organiser login");
        assertThat(polish.getHeader("Content-Security-Policy")).contains("script-src 'self'")
                .doesNotContain("unsafe-inline");
    }

    @Test
    void theOrganiserLogsInWithTheFormAndSeesTheEvents() throws Exception {
        var login = perform(formLogin("/organiser/login").user(ORGANISER).password(ORGANISER_PASSWORD));
        assertThat(login.getStatus()).isEqualTo(302);
        assertThat(login.getRedirectedUrl()).isEqualTo("/organiser");

        var wrong = perform(formLogin("/organiser/login").user(ORGANISER).password("not-the-password"));
        assertThat(wrong.getRedirectedUrl()).isEqualTo("/organiser/login?error");

        var page = perform(MockMvcRequestBuilders.get("/organiser").with(loggedInAs(ORGANISER)));
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains("IV Kongres Polityki Miejskiej i Regionalnej")
                .contains("href=\"/organiser/events/" + EVENT + "/attendees\"")
                .contains("href=\"/organiser/events/" + EVENT + "/edit\"");
    }

    @Test
    void aLoginWithoutItsCsrfTokenIsRefused() throws Exception {
        var answer = perform(MockMvcRequestBuilders.post("/organiser/login")
                .param("username", ORGANISER).param("password", ORGANISER_PASSWORD));
        assertThat(answer.getStatus()).isEqualTo(403);
    }

    @Test
    void theViewerReadsButEveryWriteIsForbidden() throws Exception {
        var login = perform(formLogin("/organiser/login").user(VIEWER).password(VIEWER_PASSWORD));
        assertThat(login.getRedirectedUrl()).isEqualTo("/organiser");
        for (String page : PAGES) {
            assertThat(perform(MockMvcRequestBuilders.get(page).with(loggedInAs(VIEWER))).getStatus())
                    .as(page).isEqualTo(200);
        }
        for (String form : FORMS) {
            assertThat(perform(MockMvcRequestBuilders.post(form).with(csrf()).with(loggedInAs(VIEWER)))
                    .getStatus()).as(form).isEqualTo(403);
        }
        for (String path : API_READS) {
            assertThat(send("GET", path, null, null, Map.of("Authorization", basic(VIEWER, VIEWER_PASSWORD)))
                    .status()).as(path).isEqualTo(200);
        }
        for (String[] write : API_WRITES) {
            var answer = send(write[0], write[1], "application/json", "{}",
                    Map.of("Authorization", basic(VIEWER, VIEWER_PASSWORD)));
            assertThat(answer.status()).as(write[1]).isEqualTo(403);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void theCheckInStaffScansTicketsAndSeesNothingOfTheOrganiserArea() throws Exception {
        String scans = "/api/check-in/events/" + EVENT + "/scans";
        for (String path : API_READS) {
            assertThat(send("GET", path, null, null, Map.of("Authorization", basic(CHECKIN, CHECKIN_PASSWORD)))
                    .status()).as(path).isEqualTo(403);
        }
        for (String[] write : API_WRITES) {
            assertThat(send(write[0], write[1], "application/json", "{}",
                    Map.of("Authorization", basic(CHECKIN, CHECKIN_PASSWORD))).status()).as(write[1]).isEqualTo(403);
        }
        var login = perform(formLogin("/organiser/login").user(CHECKIN).password(CHECKIN_PASSWORD));
        assertThat(login.getStatus()).isEqualTo(302);
        assertThat(login.getRedirectedUrl()).as("staff land on their page").isEqualTo("/check-in");
        assertThat(perform(MockMvcRequestBuilders.get("/check-in/events/" + EVENT)
                .with(user(CHECKIN).roles(OrganiserAccounts.CHECKIN))).getStatus()).isEqualTo(200);
        assertThat(perform(MockMvcRequestBuilders.get("/check-in/events/" + EVENT).with(loggedInAs(VIEWER)))
                .getStatus()).isEqualTo(403);
        assertThat(perform(MockMvcRequestBuilders.get("/check-in/events/" + EVENT)).getRedirectedUrl())
                .endsWith("/organiser/login");
        for (String page : PAGES) {
            assertThat(perform(MockMvcRequestBuilders.get(page).with(user(CHECKIN).roles(OrganiserAccounts.CHECKIN)))
                    .getStatus()).as(page).isEqualTo(403);
        }

        assertThat(send("POST", scans, "application/json", "{}", Map.of()).status()).isEqualTo(401);
        assertThat(send("POST", scans, "application/json", "{}",
                Map.of("Authorization", basic(VIEWER, VIEWER_PASSWORD))).status()).isEqualTo(403);
        // past the door: what the scan API makes of an empty body is its own business (CheckInTest)
        assertThat(send("POST", scans, "application/json", "{}",
                Map.of("Authorization", basic(CHECKIN, CHECKIN_PASSWORD))).status()).isNotIn(401, 403);
        assertThat(send("POST", scans, "application/json", "{}",
                Map.of("Authorization", basic(ORGANISER, ORGANISER_PASSWORD))).status()).isNotIn(401, 403);
    }

    @Test
    void thePublicPagesStayPublic() throws Exception {
        for (String path : new String[] {"/", "/events/" + EVENT, "/api/events", "/api/events/" + EVENT}) {
            assertThat(perform(MockMvcRequestBuilders.get(path)).getStatus()).as(path).isEqualTo(200);
        }
    }

    @Test
    void theOrganiserApiIsDescribedOnlyToOrganisers() throws Exception {
        var everyone = get("/v3/api-docs/public");
        assertThat(everyone.status()).isEqualTo(200);
        assertThat(everyone.body()).contains("/api/events/{eventId}/registrations").doesNotContain("/api/organiser");
        for (String path : new String[] {"/v3/api-docs/organiser", "/v3/api-docs", "/v3/api-docs.yaml",
                "/v3/api-docs.yaml/organiser"}) {
            var anonymous = perform(MockMvcRequestBuilders.get(path));
            assertThat(anonymous.getStatus()).as(path).isEqualTo(302);
            assertThat(anonymous.getRedirectedUrl()).as(path).endsWith("/organiser/login");
            assertThat(get(path).body()).as(path).doesNotContain("/api/organiser");
        }

        var organiser = perform(MockMvcRequestBuilders.get("/v3/api-docs/organiser").with(loggedInAs(ORGANISER)));
        assertThat(organiser.getStatus()).isEqualTo(200);
        assertThat(organiser.getContentAsString()).contains("/api/organiser/events/{eventId}")
                .doesNotContain("/api/events/{eventId}/registrations");
    }

    /** A logged-in person, as the session holds them (logging in itself is proved by the form login tests). */
    static RequestPostProcessor loggedInAs(String user) {
        return user(user).roles(user.equals(VIEWER) ? OrganiserAccounts.VIEWER : OrganiserAccounts.ORGANISER);
    }

}
