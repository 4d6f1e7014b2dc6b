package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rushreg.messages.ManageToken;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 14's pages in Debian's headless Chromium: a registrant withdraws the optional consent on the manage page;
 * an organiser looks a person up on the event's personal-data page, erases them after a confirmation and watches
 * the stores confirm until COMPLETED (the page asks by itself); a viewer looks up but is not offered the erasure,
 * and its POST is 403. axe-core finds no violations on any of these pages, the CSP refuses nothing.
 */
class PersonalDataBrowserTest extends BrowserTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient database;

    /**
     * Waits for a condition. The erasure's page replaces its status every 2 s and a lookup loads a new page, so an
     * element found a moment ago may be gone: Chromium says so as a stale element or, while the old document is
     * torn down, as an "unknown error"; either only means "ask again".
     */
    private void until(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, PATIENCE).ignoring(WebDriverException.class).until(condition);
    }

    private String registered(Map<String, Object> body) {
        Answer answer = register(body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        String id = answer.json().path("registrationId").asString();
        awaitRecorded(id);
        return id;
    }

    @Test
    void aRegistrantWithdrawsTheOptionalConsentOnTheManagePage() {
        String id = registered(with(registration("day-1"), "consents",
                Map.of("terms", true, "privacy", true, "newsletter", true)));
        String token = new ManageToken(SECRET).sign(id, Instant.now().plusSeconds(3600));

        browser.get(url("/registrations/" + id + "/manage?lang=en&token=" + token));
        WebElement consent = browser.findElement(By.id("optional-consent"));
        assertThat(consent.getText()).contains("text version 2024-06-01");
        TestBrowser.assertAccessible(browser, "manage page with the optional consent");
        TestBrowser.screenshot(browser, "manage-consent.png", 1100);

        consent.findElement(By.cssSelector("button[type=submit]")).click();
        until(d -> d.getCurrentUrl().endsWith("&consent=withdrawn"));
        assertThat(browser.findElement(By.id("consent-withdrawn")).getText()).contains("Your consent is withdrawn");
        assertThat(browser.findElement(By.id("consent-withdrawn-at")).getText()).contains("You withdrew this consent");
        assertThat(browser.findElements(By.cssSelector("#optional-consent button"))).isEmpty();
        TestBrowser.assertAccessible(browser, "manage page after the withdrawal");
        assertThat(database.sql("select optional_consent from registrations where id = :id").param("id", id)
                .query(Boolean.class).single()).isFalse();
        assertThat(TestBrowser.policyViolations(browser)).as("nothing refused by the CSP").isEmpty();
    }

    @Test
    void anOrganiserLooksUpAndErasesAPersonAndAViewerOnlyLooksUp() throws Exception {
        Map<String, Object> body = with(with(registration("day-1"), "firstName", "Zażółć"), "lastName", "Gęślą");
        String email = (String) body.get("email");
        String erased = registered(body);
        Map<String, Object> other = registration("day-1");
        registered(other);

        logIn(TestOrganisers.ORGANISER, TestOrganisers.ORGANISER_PASSWORD);
        browser.get(url("/organiser?lang=en"));
        browser.findElement(By.cssSelector("tr[data-event='" + EVENT + "'] a[href$='/personal-data']")).click();
        until(d -> d.getCurrentUrl().endsWith("/organiser/events/" + EVENT + "/personal-data"));
        TestBrowser.assertAccessible(browser, "personal data");

        lookUp("nobody.here@example.org");
        assertThat(browser.findElement(By.id("email-error")).getText()).contains("Nobody is registered");
        TestBrowser.assertAccessible(browser, "personal data, unknown person");

        lookUp(email.toUpperCase());
        WebElement person = browser.findElement(By.id("person"));
        assertThat(person.getText()).contains("Zażółć Gęślą").contains(email).contains("Urząd Miasta Krakowa")
                .contains(erased).contains("day-1").contains("notification-service");
        assertThat(browser.findElements(By.id("download-json"))).hasSize(1);
        assertThat(browser.findElement(By.id("times-zone")).getText()).contains("Europe/Warsaw");
        TestBrowser.assertAccessible(browser, "personal data, a person found");
        TestBrowser.screenshot(browser, "organiser-personal-data.png", 1400);

        browser.findElement(By.id("erase")).click();
        until(d -> !d.findElements(By.id("erase-question")).isEmpty());
        assertThat(browser.findElement(By.id("erase-question")).getText()).contains(email.toUpperCase());
        TestBrowser.assertAccessible(browser, "erasure confirmation");
        browser.findElement(By.id("erase-confirmed")).click();
        until(d -> d.getCurrentUrl().contains("/personal-data/erasures/"));
        String erasureId = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
        until(d -> d.findElement(By.id("erasure-state")).getText().contains("waiting for every store"));
        TestBrowser.assertAccessible(browser, "erasure pending");

        // The other stores answer as they do in production: the page shows it without being reloaded.
        try (StandInServices capacity = new StandInServices(broker)) {
            capacity.erase(erased, erasureId, "day-1");
            capacity.confirmErasure(erasureId, erased);
            until(d -> d.findElement(By.id("erasure-state")).getText().startsWith("Completed"));
        }
        assertThat(browser.findElement(By.cssSelector("tr[data-store='notification-service']")).getText())
                .doesNotContain("waiting");
        TestBrowser.assertAccessible(browser, "erasure completed");
        assertThat(TestBrowser.policyViolations(browser)).as("nothing refused by the CSP").isEmpty();

        browser.findElement(By.cssSelector("header .logout button")).click();
        logIn(TestOrganisers.VIEWER, TestOrganisers.VIEWER_PASSWORD);
        browser.get(url("/organiser/events/" + EVENT + "/personal-data?lang=en"));
        lookUp((String) other.get("email"));
        assertThat(browser.findElement(By.id("person")).getText()).contains((String) other.get("email"));
        assertThat(browser.findElements(By.id("erase"))).as("a viewer is not offered the erasure").isEmpty();
        assertThat(browser.findElement(By.id("erase-not-allowed")).getText()).contains("Only an organiser");
        TestBrowser.assertAccessible(browser, "personal data for a viewer");
        browser.findElement(By.cssSelector("header .logout button")).click();

        assertThat(mvc.perform(post("/organiser/events/" + EVENT + "/personal-data/erasure").with(csrf())
                        .with(user(TestOrganisers.VIEWER).roles("VIEWER")).param("email", (String) other.get("email"))
                        .param("confirmed", "true")).andReturn().getResponse().getStatus())
                .as("a viewer's erasure").isEqualTo(403);
        assertThat(database.sql("select count(*) from organiser_actions where action in ('ACCESS_REQUESTED', "
                        + "'ERASURE_REQUESTED') and (detail ilike :email or detail ilike '%Gęślą%')")
                .param("email", "%" + email + "%").query(Long.class).single())
                .as("the audit log holds the requests, not the person").isZero();
    }

    private void logIn(String user, String password) {
        browser.get(url("/organiser/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        until(d -> d.getCurrentUrl().contains("/organiser") && !d.getCurrentUrl().contains("/login"));
    }

    private void lookUp(String email) {
        WebElement field = browser.findElement(By.id("email"));
        field.clear();
        field.sendKeys(email);
        JavascriptExecutor page = (JavascriptExecutor) browser;
        page.executeScript("document.documentElement.dataset.answered = 'not yet'");
        browser.findElement(By.cssSelector("form[role=search] button[type=submit]")).click();
        // The answer is a new page: it has no marker and is loaded. Asking an element of the old page whether it
        // is stale fails on its own in Chromium while the old document is being torn down, so the wait asks the
        // document, and ignores the moment in between when there is none to ask.
        until(d -> Boolean.TRUE.equals(
                page.executeScript("return document.readyState === 'complete'"
                        + " && document.documentElement.dataset.answered === undefined")));
    }
}
