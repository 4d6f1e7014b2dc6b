package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.RegisterAttendee;
import org.rushreg.messages.Topic;
import org.rushreg.messages.Topics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The pages behind a load balancer that spreads requests over instances without stickiness (issue 17, decision
 * 0020): a registration form fetched from one instance is accepted by another, an organiser logged in on one is
 * logged in on every one, and a logout on one ends the session everywhere. The browser is an {@link HttpClient} with
 * a {@link CookieManager}: cookies do not depend on the port, so both instances on localhost get the same cookies, as
 * two instances behind one address would. Redirects are not followed, so each answer can be looked at.
 *
 * <p>Both instances are started here, not taken from the test context: MockMvc's {@code csrf()} in other test
 * classes replaces the shared context's CSRF token repository for good with a session-based one (spring-security-test
 * does that), so the context's own instance no longer shows how the service runs.
 */
class PagesAcrossInstancesTest extends ServiceTestSupport {

    private static final String FORM = "/events/" + EVENT;
    private static final Pattern HIDDEN = Pattern.compile("name=\"(_csrf|submission)\" value=\"([^\"]+)\"");

    @Autowired
    private JdbcClient database;

    // Started by the first test and shared by the class's tests (each start takes seconds), closed after the last.
    // They are given a broker of their own, which no JVM-wide property names, and the form test looks for its
    // command there: an instance sending anywhere but to the brokers it was given fails it, whatever ran before.
    private static EmbeddedKafkaKraftBroker theirBroker;
    private static ConfigurableApplicationContext one;
    private static ConfigurableApplicationContext two;

    @BeforeEach
    void startTwoInstancesOnce() {
        if (one == null) {
            theirBroker = new EmbeddedKafkaKraftBroker(1, 1,
                    Topics.ALL.stream().map(Topic::name).toArray(String[]::new));
            // the default, spring.kafka.bootstrap-servers, would point the JVM-wide property at this broker
            theirBroker.brokerListProperty("pages-across-instances.brokers");
            theirBroker.afterPropertiesSet();
            one = startAnotherInstance(theirBroker.getBrokersAsString());
            two = startAnotherInstance(theirBroker.getBrokersAsString());
        }
    }

    @AfterAll
    static void stopThem() {
        try (ConfigurableApplicationContext first = one; ConfigurableApplicationContext second = two) {
            // both closed, even if one fails to
        } finally {
            one = null;
            two = null;
            if (theirBroker != null) {
                theirBroker.destroy();
                theirBroker = null;
            }
        }
    }

    private String a() {
        return "http://localhost:" + portOf(one);
    }

    private String b() {
        return "http://localhost:" + portOf(two);
    }

    @Test
    void aFormFetchedFromOneInstanceIsAcceptedByAnother() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> form = browser.get(a() + FORM);
        assertThat(form.statusCode()).isEqualTo(200);

        HttpResponse<String> posted = browser.post(b() + FORM, registrationForm(hiddenFields(form.body())));

        assertThat(posted.statusCode()).as("the form's answer on the other instance").isEqualTo(302);
        String location = posted.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(".*/registrations/[0-9a-f-]{36}");

        String registrationId = location.substring(location.lastIndexOf('/') + 1);
        try (CommandLogReader theirLog = new CommandLogReader(theirBroker)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(theirLog.commands())
                    .as("commands on the broker the instances were given")
                    .filteredOn(RegisterAttendee.class::isInstance).map(RegisterAttendee.class::cast)
                    .extracting(RegisterAttendee::registrationId).contains(registrationId));
        }
    }

    @Test
    void theFormsTokenIsCheckedAgainstTheBrowsersCookie() throws Exception {
        HttpResponse<String> form = new Browser().get(a() + FORM);

        // the token copied into another browser, which lacks the cookie it belongs to: a forged post
        HttpResponse<String> forged = new Browser().post(b() + FORM, registrationForm(hiddenFields(form.body())));

        assertThat(forged.statusCode()).isEqualTo(403);
    }

    @Test
    void anAnonymousVisitorGetsNoSessionForTheFormNorForPostingIt() throws Exception {
        long sessionsBefore = sessionRows();
        Browser browser = new Browser();
        HttpResponse<String> form = browser.get(a() + FORM);

        assertThat(browser.cookieNames()).containsExactly("XSRF-TOKEN");
        assertThat(form.headers().allValues("Set-Cookie")).singleElement().asString()
                .startsWith("XSRF-TOKEN=").contains("HttpOnly").contains("SameSite=Strict");

        assertThat(browser.post(b() + FORM, registrationForm(hiddenFields(form.body()))).statusCode()).isEqualTo(302);
        assertThat(browser.cookieNames()).doesNotContain("SESSION", "JSESSIONID");
        assertThat(sessionRows()).isEqualTo(sessionsBefore);
    }

    @Test
    void anOrganiserLoggedInOnOneInstanceIsLoggedInOnAnotherUntilLoggingOutOnAnyOfThem() throws Exception {
        Browser browser = new Browser();
        assertThat(browser.get(b() + "/organiser").headers().firstValue("Location")).get().asString()
                .endsWith("/organiser/login");
        assertThat(browser.cookieNames()).as("a knock on the organiser area opens no session").doesNotContain("SESSION");

        HttpResponse<String> loginPage = browser.get(a() + "/organiser/login");
        HttpResponse<String> loggedIn = browser.post(a() + "/organiser/login", Map.of(
                "username", TestOrganisers.ORGANISER, "password", TestOrganisers.ORGANISER_PASSWORD,
                "_csrf", hiddenFields(loginPage.body()).get("_csrf")));
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(loggedIn.headers().firstValue("Location")).get().asString().endsWith("/organiser");
        String session = browser.cookie("SESSION");
        assertThat(session).as("the organiser's session cookie").isNotNull();

        HttpResponse<String> onB = browser.get(b() + "/organiser");
        assertThat(onB.statusCode()).as("the organiser area on the other instance").isEqualTo(200);
        assertThat(onB.body()).contains("/organiser/logout");

        HttpResponse<String> loggedOut = browser.post(b() + "/organiser/logout",
                Map.of("_csrf", hiddenFields(onB.body()).get("_csrf")));
        assertThat(loggedOut.headers().firstValue("Location")).get().asString().endsWith("/organiser/login?logout");

        // the old session cookie, sent again as a copy kept from before the logout would be: its session is gone
        Browser stale = new Browser();
        stale.setCookie("SESSION", session);
        assertThat(stale.get(a() + "/organiser").headers().firstValue("Location")).get().asString()
                .endsWith("/organiser/login");
        assertThat(browser.get(a() + "/organiser").statusCode()).isEqualTo(302);
    }

    @Test
    void theSessionInTheDatabaseHoldsNoPasswordHash() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> loginPage = browser.get(a() + "/organiser/login");
        browser.post(b() + "/organiser/login", Map.of(
                "username", TestOrganisers.ORGANISER, "password", TestOrganisers.ORGANISER_PASSWORD,
                "_csrf", hiddenFields(loginPage.body()).get("_csrf")));
        assertThat(browser.cookie("SESSION")).isNotNull();

        List<byte[]> attributes = database.sql("select attribute_bytes from spring_session_attributes a "
                        + "join spring_session s on s.primary_id = a.session_primary_id where s.principal_name = :name")
                .param("name", TestOrganisers.ORGANISER).query(byte[].class).list();
        assertThat(attributes).isNotEmpty().allSatisfy(bytes ->
                assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("$2a$"));
    }

    private long sessionRows() {
        return database.sql("select count(*) from spring_session").query(Long.class).single();
    }

    /** The hidden fields a browser sends back with a form: its CSRF token and, on the registration form, its id. */
    private static Map<String, String> hiddenFields(String page) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher hidden = HIDDEN.matcher(page);
        while (hidden.find()) {
            fields.put(hidden.group(1), hidden.group(2));
        }
        assertThat(fields).as("the form's hidden fields").containsKey("_csrf");
        return fields;
    }

    private static Map<String, String> registrationForm(Map<String, String> hidden) {
        Map<String, String> form = new LinkedHashMap<>(hidden);
        form.put("firstName", "Anna");
        form.put("lastName", "Nowak");
        form.put("email", "anna." + UUID.randomUUID().toString().substring(0, 8) + "@example.org");
        form.put("organisation", "Urząd Miasta Krakowa");
        form.put("sessionIds", "day-1");
        form.put("terms", "true");
        form.put("privacy", "true");
        form.put("website", "");
        return form;
    }

    /** A browser as far as cookies go: it keeps what it is sent and sends it back. */
    private static final class Browser {

        private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

        HttpResponse<String> get(String url) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String url, Map<String, String> form) throws Exception {
            String body = form.entrySet().stream()
                    .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                    .collect(Collectors.joining("&"));
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        List<String> cookieNames() {
            return cookies.getCookieStore().getCookies().stream().map(HttpCookie::getName).toList();
        }

        String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(HttpCookie::getValue).findFirst().orElse(null);
        }

        void setCookie(String name, String value) {
            HttpCookie cookie = new HttpCookie(name, value);
            cookie.setPath("/");
            cookie.setVersion(0);
            cookies.getCookieStore().add(URI.create("http://localhost/"), cookie);
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }
}
