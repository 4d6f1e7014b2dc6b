package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The organiser's personal-data page over HTTP (the browser test walks it in Chromium): a lookup shows what the
 * system holds and downloads it as JSON, for viewers too; an unknown address says so (404); the erasure goes through
 * a confirmation to its status page; a viewer is not offered it and its POST is 403; the audit log has every lookup
 * and erasure without the person.
 */
class PersonalDataPagesTest extends ServiceTestSupport {

    private static final String PAGE = "/organiser/events/" + EVENT + "/personal-data";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient database;

    private static RequestPostProcessor organiser() {
        return user(TestOrganisers.ORGANISER).roles("ORGANISER");
    }

    private static RequestPostProcessor viewer() {
        return user(TestOrganisers.VIEWER).roles("VIEWER");
    }

    private MockHttpServletResponse posted(String path, RequestPostProcessor who, String... params) throws Exception {
        var request = post(path).with(csrf()).with(who);
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private String registered(Map<String, Object> body) {
        Answer answer = register(body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        String id = answer.json().path("registrationId").asString();
        awaitRecorded(id);
        return id;
    }

    @Test
    void aViewerLooksUpAndDownloadsButCannotErase() throws Exception {
        Map<String, Object> body = registration("day-1");
        String email = (String) body.get("email");
        String id = registered(body);

        MockHttpServletResponse page = mvc.perform(MockMvcRequestBuilders.get(PAGE).with(viewer())
                .param("lang", "en")).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains("id=\"email\"").contains("Look up");

        MockHttpServletResponse found = posted(PAGE + "/lookup?lang=en", viewer(), "email", email.toUpperCase());
        assertThat(found.getStatus()).isEqualTo(200);
        assertThat(found.getContentAsString()).contains(id).contains(email).contains("Anna Nowak")
                .contains("id=\"erase-not-allowed\"").doesNotContain("id=\"erase\"");
        // Nothing plays the other services here: both are listed, each as not answered in time (decision 0050).
        assertThat(found.getContentAsString()).contains("data-store=\"notification-service\"",
                "data-store=\"capacity-service\"", "This service did not answer in time");
        // The times in the event's zone, named, as the organiser reads the event's other times; exact in the markup.
        Instant registeredAt = database.sql("select created_at from registrations where id = :id").param("id", id)
                .query(Timestamp.class).single().toInstant().truncatedTo(ChronoUnit.SECONDS);
        assertThat(found.getContentAsString()).contains("id=\"times-zone\"", "time zone, Europe/Warsaw.")
                .contains("<time datetime=\"" + registeredAt + "\">" + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                        .format(registeredAt.atZone(ZoneId.of("Europe/Warsaw"))) + "</time>");

        MockHttpServletResponse json = posted(PAGE + "/lookup.json", viewer(), "email", email);
        assertThat(json.getStatus()).isEqualTo(200);
        assertThat(json.getContentType()).startsWith("application/json");
        assertThat(json.getHeader("Content-Disposition")).startsWith("attachment")
                .contains(EVENT + "-personal-data.json");
        var person = JSON.readTree(json.getContentAsString());
        assertThat(person.path("registrations").get(0).path("registrationId").asString()).isEqualTo(id);
        assertThat(person.path("registrations").get(0).path("email").asString()).isEqualTo(email);

        assertThat(posted(PAGE + "/erasure", viewer(), "email", email).getStatus()).isEqualTo(403);
        assertThat(posted(PAGE + "/erasure", viewer(), "email", email, "confirmed", "true").getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(post(PAGE + "/lookup").param("email", email).with(viewer())).andReturn()
                .getResponse().getStatus()).as("without the CSRF token").isEqualTo(403);
    }

    @Test
    void anUnknownOrInvalidAddressIsSaidBesideTheField() throws Exception {
        MockHttpServletResponse unknown = posted(PAGE + "/lookup?lang=en", organiser(), "email",
                "nobody.here@example.org");
        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(unknown.getContentAsString()).contains("id=\"email-error\"").contains("Nobody is registered");

        MockHttpServletResponse invalid = posted(PAGE + "/lookup?lang=en", organiser(), "email", "not an address");
        assertThat(invalid.getStatus()).isEqualTo(400);
        assertThat(invalid.getContentAsString()).contains("Enter an email address");

        assertThat(posted(PAGE + "/erasure", organiser(), "email", "nobody.here@example.org", "confirmed", "true")
                .getStatus()).isEqualTo(404);
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/organiser/events/no-such-event/personal-data")
                .with(organiser())).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void anOrganiserErasesAfterAConfirmationAndSeesTheStoresConfirm() throws Exception {
        Map<String, Object> body = registration("day-1");
        String email = (String) body.get("email");
        String id = registered(body);

        MockHttpServletResponse confirm = posted(PAGE + "/erasure?lang=en", organiser(), "email", email);
        assertThat(confirm.getStatus()).isEqualTo(200);
        assertThat(confirm.getContentAsString()).contains("id=\"erase-question\"").contains(email)
                .contains("name=\"confirmed\" value=\"true\"");
        assertThat(database.sql("select count(*) from erasures e where :id = any(e.registration_ids)")
                .param("id", id).query(Long.class).single()).as("nothing erased before the confirmation").isZero();

        MockHttpServletResponse erased = posted(PAGE + "/erasure", organiser(), "email", email, "confirmed", "true");
        assertThat(erased.getStatus()).isEqualTo(302);
        assertThat(erased.getRedirectedUrl()).startsWith(PAGE + "/erasures/");
        String erasureId = erased.getRedirectedUrl().substring(erased.getRedirectedUrl().lastIndexOf('/') + 1);

        MockHttpServletResponse status = mvc.perform(MockMvcRequestBuilders.get(erased.getRedirectedUrl())
                .with(organiser()).param("lang", "en")).andReturn().getResponse();
        assertThat(status.getStatus()).isEqualTo(200);
        assertThat(status.getContentAsString()).contains(erasureId).contains("waiting for every store")
                .contains("hx-trigger=\"every 2s\"");

        MockHttpServletResponse again = posted(PAGE + "/erasure", organiser(), "email", email, "confirmed", "true");
        assertThat(again.getRedirectedUrl()).as("a repeat is the same erasure").isEqualTo(erased.getRedirectedUrl());

        assertThat(database.sql("""
                        select count(*) from organiser_actions where action in ('ERASURE_REQUESTED', 'ACCESS_REQUESTED')
                        and detail ilike :email""").param("email", "%" + email + "%").query(Long.class).single())
                .isZero();
        assertThat(database.sql("select count(*) from organiser_actions where action = 'ERASURE_REQUESTED' "
                        + "and detail like :id").param("id", "%" + erasureId + "%").query(Long.class).single())
                .isEqualTo(2);
    }
}
