package org.rushreg.registration.registrant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import jakarta.servlet.Filter;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.mockito.Mockito;
import org.rushreg.registration.web.StrictJson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the registration API takes as a body, without a broker or a database: JSON's own types (a number where a
 * name belongs is refused, not turned into text), names without control, format or bidirectional characters, every
 * letter of every script, and the other field rules. Refusals that need the catalogue or the broker (unknown event
 * or session, overlapping sessions, a reused key) and those answered on the error page's way (415) are
 * ApiRefusalsTest's. The requests go through the servlet filters, so a body the filter would answer
 * and one it hands to the controller get the same rules (decision 0015).
 */
@WebMvcTest(controllers = RegistrationsController.class,
        excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = RegistrationValidationTest.OtherFilters.class))
@Import(StrictJson.class)
class RegistrationValidationTest {

    /** The servlet filters of other concerns (rate limit, metrics, log context) stay out of this slice. */
    public static final class OtherFilters extends AssignableTypeFilter {

        public OtherFilters() {
            super(Filter.class);
        }

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            return !reader.getClassMetadata().getClassName().equals(RegistrationPosts.class.getName())
                    && super.match(reader, factory);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String REGISTRATIONS = "/api/events/kongres-2024/registrations";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private Registrations registrations;

    private static Map<String, Object> registration() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstName", "Anna");
        body.put("lastName", "Nowak");
        body.put("email", "anna.nowak@example.org");
        body.put("organisation", "Urząd Miasta Krakowa");
        body.put("sessionIds", List.of("day-1"));
        body.put("locale", "pl");
        body.put("consents", Map.of("terms", true, "privacy", true));
        return body;
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = registration();
        body.put(field, value);
        return body;
    }

    private MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
        // The public API's own security chain takes no login and no CSRF token; the slice has Boot's default one.
        return mvc.perform(request.with(csrf()).with(user("anyone"))).andReturn().getResponse();
    }

    private MockHttpServletResponse register(Object body) throws Exception {
        return send(post(REGISTRATIONS).contentType(MediaType.APPLICATION_JSON)
                .content(body instanceof String text ? text : JSON.writeValueAsString(body)));
    }

    /** A 400 problem whose {@code errors} name exactly this field; returns the field's message. */
    private static String refused(MockHttpServletResponse answer, String field) throws Exception {
        assertThat(answer.getStatus()).as(answer.getContentAsString()).isEqualTo(400);
        assertThat(answer.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode problem = JSON.readTree(answer.getContentAsByteArray());
        assertThat(problem.path("errors").findValuesAsString("field")).containsOnly(field);
        assertThat(problem.path("detail").asString()).contains(field);
        return problem.path("errors").get(0).path("message").asString();
    }

    @Test
    void aNumberWhereANameBelongsIsRefusedNamingTheField() throws Exception {
        assertThat(refused(register(with("firstName", 42)), "firstName")).isEqualTo("must be a JSON string");
        verifyNoInteractions(registrations);
    }

    @Test
    void booleansFractionsArraysAndObjectsWhereTextBelongsAreRefusedToo() throws Exception {
        refused(register(with("lastName", true)), "lastName");
        refused(register(with("organisation", 1.5)), "organisation");
        refused(register(with("email", List.of("anna.nowak@example.org"))), "email");
        refused(register(with("firstName", Map.of("first", "Anna"))), "firstName");
        refused(register(with("sessionIds", List.of("day-1", 2))), "sessionIds[1]");
        refused(register(with("sessionIds", "day-1")), "sessionIds");
        verifyNoInteractions(registrations);
    }

    @Test
    void consentsMustBeTrueOrFalseNotTextOrNumbers() throws Exception {
        assertThat(refused(register(with("consents", Map.of("terms", "true", "privacy", true))), "consents.terms"))
                .isEqualTo("must be true or false");
        refused(register(with("consents", Map.of("terms", true, "privacy", 1))), "consents.privacy");
        verifyNoInteractions(registrations);
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"202E", "202D", "2066", "200B", "200D", "FEFF", "00AD", "0000", "0007", "000A", "0009",
            "001B", "007F", "0085"})
    void controlFormatAndBidirectionalCharactersInANameAreRefused(String hex) throws Exception {
        String hidden = Character.toString(Integer.parseInt(hex, 16));
        String message = refused(register(with("lastName", "Nowak" + hidden + "ska")), "lastName");
        assertThat(message).contains("U+" + hex).contains("type the text again without it");
        refused(register(with("firstName", hidden + "Anna")), "firstName");
        refused(register(with("organisation", "Urząd" + hidden)), "organisation");
        verifyNoInteractions(registrations);
    }

    @Test
    void aBidirectionalOverrideInTheEmailIsRefused() throws Exception {
        refused(register(with("email", "anna\u202E@example.org")), "email");
        verifyNoInteractions(registrations);
    }

    @Test
    void aLoneSurrogateIsNotTextAndIsRefused() throws Exception {
        String body = JSON.writeValueAsString(registration()).replace("\"Anna\"", "\"An\\ud800na\"");
        refused(register(body), "firstName");
        verifyNoInteractions(registrations);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Zażółć Gęślą-Jaźń", "Łukasz Żółkiewski", "O'Brien", "Müller-Lüdenscheidt",
            "Ærøskøbing Åse", "Đurđević", "Çağrı Şükrü", "Ивана Петровић", "Ελευθερία Παπαδοπούλου", "山田 太郎",
            "김민준", "محمد عبد الله", "יעל כהן", "अनन्या", "Nguyễn Thị Minh Khai", "𠜎𠜱 Ng"})
    void everyLetterOfEveryScriptPasses(String name) throws Exception {
        when(registrations.register(eq("kongres-2024"), any(), isNull()))
                .thenReturn(new Registrations.Accepted("6089e094-814c-4200-ace6-8189f8e17786", false));
        Map<String, Object> body = registration();
        body.put("firstName", name);
        body.put("lastName", name);
        body.put("organisation", "Uniwersytet " + name);

        MockHttpServletResponse answer = register(body);

        assertThat(answer.getStatus()).as(answer.getContentAsString()).isEqualTo(202);
        ArgumentCaptor<RegistrationRequest> taken = ArgumentCaptor.forClass(RegistrationRequest.class);
        Mockito.verify(registrations).register(eq("kongres-2024"), taken.capture(), isNull());
        assertThat(taken.getValue().registrant().firstName()).as("the name as typed").isEqualTo(name);
        assertThat(taken.getValue().registrant().organisation()).isEqualTo("Uniwersytet " + name);
    }

    @Test
    void theFilterAndTheControllerRefuseTheSameMistypedName() throws Exception {
        // The filter takes only application/json in UTF-8 without a charset parameter; this one goes to MVC.
        MockHttpServletResponse viaController = send(post(REGISTRATIONS)
                .contentType("application/json;charset=UTF-8").content(JSON.writeValueAsString(with("firstName", 42))));
        refused(viaController, "firstName");
        verifyNoInteractions(registrations);
    }

    @Test
    void aChangeOfSessionsTakesAnArrayOfStringsOnly() throws Exception {
        String path = "/api/registrations/6089e094-814c-4200-ace6-8189f8e17786/sessions?token=t";
        refused(send(put(path).contentType(MediaType.APPLICATION_JSON).content("{\"sessionIds\":[1]}")),
                "sessionIds[0]");
        refused(send(put(path).contentType(MediaType.APPLICATION_JSON).content("{\"sessionIds\":\"day-1\"}")),
                "sessionIds");
        verifyNoInteractions(registrations);
    }

    @Test
    void malformedJsonIsAProblem() throws Exception {
        MockHttpServletResponse malformed = register("{not json");
        assertThat(malformed.getStatus()).isEqualTo(400);
        assertThat(malformed.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        verifyNoInteractions(registrations);
    }

    @Test
    void missingOrMalformedEmailsAreRefused() throws Exception {
        refused(register(with("email", "")), "email");
        refused(register(with("email", "not-an-email")), "email");
        // RFC 5321: at most 64 characters before the @ and 254 in all.
        refused(register(with("email", "a".repeat(65) + "@example.org")), "email");
        refused(register(with("email", "anna@" + ("d".repeat(60) + ".").repeat(5) + "org")), "email");
        verifyNoInteractions(registrations);
    }

    @Test
    void tooLongNamesAndOrganisationsAreRefused() throws Exception {
        refused(register(with("firstName", "A".repeat(101))), "firstName");
        refused(register(with("lastName", " ")), "lastName");
        refused(register(with("organisation", "O".repeat(201))), "organisation");
        verifyNoInteractions(registrations);
    }

    @Test
    void noSessionsOrMoreThanTwentyAreRefused() throws Exception {
        refused(register(with("sessionIds", List.of())), "sessionIds");
        refused(register(with("sessionIds", java.util.stream.IntStream.range(0, 21).mapToObj(i -> "s" + i).toList())),
                "sessionIds");
        verifyNoInteractions(registrations);
    }

    @Test
    void bothConsentsAreRequired() throws Exception {
        refused(register(with("consents", Map.of("terms", true, "privacy", false))), "consents.privacy");
        refused(register(with("consents", Map.of("privacy", true))), "consents.terms");
        verifyNoInteractions(registrations);
    }

    @Test
    void anUnknownLocaleOrSectorIsRefused() throws Exception {
        refused(register(with("locale", "de")), "locale");
        refused(register(with("sector", "army")), "sector");
        verifyNoInteractions(registrations);
    }

    @Test
    void aBadIdempotencyKeyIsRefused() throws Exception {
        MockHttpServletResponse answer = send(post(REGISTRATIONS).contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", "x".repeat(300)).content(JSON.writeValueAsString(registration())));
        assertThat(answer.getStatus()).isEqualTo(400);
        assertThat(answer.getContentAsString()).contains("Idempotency-Key");
        verifyNoInteractions(registrations);
    }

    @Test
    void anUnchangedValidRegistrationIsAccepted() throws Exception {
        when(registrations.register(eq("kongres-2024"), any(), isNull()))
                .thenReturn(new Registrations.Accepted("6089e094-814c-4200-ace6-8189f8e17786", false));
        MockHttpServletResponse answer = register(registration());
        assertThat(answer.getStatus()).as(answer.getContentAsString()).isEqualTo(202);
        assertThat(answer.getHeader("Location")).isEqualTo("/api/registrations/6089e094-814c-4200-ace6-8189f8e17786");
        Map<String, Object> withSector = with("sector", "ngo");
        withSector.put("email", "a".repeat(64) + "@example.org");
        assertThat(register(withSector).getStatus()).as("the longest local part, a known sector").isEqualTo(202);
    }
}
