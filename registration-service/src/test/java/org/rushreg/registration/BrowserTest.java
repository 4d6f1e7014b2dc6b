package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rushreg.messages.EventSummary;
import org.rushreg.messages.ManageToken;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.RegistrationCancelled;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SeatAvailability;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionSeats;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.Topics;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/**
 * A registrant in Debian's headless Chromium: fills the form in Polish and in English, watches the status page
 * turn into the decision without reloading (SSE), cancels through the manage link, sees a full session offered as
 * a waitlist; axe-core finds no accessibility violations on the pages. The capacity service is not here: the test
 * publishes its decisions. Skipped, with the reason, where Chromium or its driver is not installed. Screenshots go
 * to target/screenshots, and also to $SCREENSHOTS_DIR when set.
 */
class BrowserTest extends BrowserTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private void fillForm(String email, String... sessions) {
        browser.findElement(By.id("firstName")).sendKeys("Anna");
        browser.findElement(By.id("lastName")).sendKeys("Nowak");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("organisation")).sendKeys("Urząd Miasta Krakowa");
        new Select(browser.findElement(By.id("sector"))).selectByValue("local-government");
        for (String session : sessions) {
            browser.findElement(By.id("session-" + session)).click();
        }
        browser.findElement(By.id("terms")).click();
        browser.findElement(By.id("privacy")).click();
    }

    private String submitAndAwaitStatusPage() {
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(browser, PATIENCE).until(d -> d.getCurrentUrl().matches(".*/registrations/[0-9a-f-]{36}"));
        String current = browser.getCurrentUrl();
        return current.substring(current.lastIndexOf('/') + 1);
    }

    /**
     * Read in one script call: the status fragment is swapped in by SSE at any moment (first on connect), and an
     * element found in one call may be gone by the next.
     */
    private String text(String selector) {
        return (String) ((JavascriptExecutor) browser)
                .executeScript("return document.querySelector(arguments[0]).innerText.trim()", selector);
    }

    private String statusShown() {
        return (String) ((JavascriptExecutor) browser)
                .executeScript("return document.getElementById('status').dataset.status");
    }

    private void awaitStatus(String status) {
        new WebDriverWait(browser, PATIENCE).until(d -> status.equals(statusShown()));
    }

    /** Marks the loaded document: the mark survives only if the page was changed in place, not reloaded. */
    private void markDocument() {
        ((JavascriptExecutor) browser).executeScript("document.documentElement.dataset.sameDocument = 'yes'");
    }

    private boolean sameDocument() {
        return "yes".equals(((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.dataset.sameDocument"));
    }

    private void assertAccessible(String page) {
        TestBrowser.assertAccessible(browser, page);
    }

    /** The window is tall enough for the whole form; the shorter pages are shot in a shorter one. */
    private void screenshot(String name, int height) {
        TestBrowser.screenshot(browser, name, height);
    }

    private void publish(String topic, String key, Object message) {
        var producers = new DefaultKafkaProducerFactory<>(KafkaTestUtils.producerProps(broker), new StringSerializer(),
                new ByteArraySerializer());
        try {
            new KafkaTemplate<>(producers).send(topic, key, MessageJson.toBytes(message)).join();
        } finally {
            producers.destroy();
        }
    }

    private void decide(String id, SessionStatus sessionStatus, RegistrationStatus status) {
        publish(Topics.REGISTRATION_DECISIONS.name(), id, new RegistrationDecided(Schema.newMessageId(), Instant.now(),
                Schema.VERSION, id, EVENT, Schema.newMessageId(), Instant.now(), status, null,
                List.of(new SessionOutcome("day-1", "Dzień 1", Instant.now(), Instant.now(), sessionStatus, null)),
                new EventSummary(EVENT, "Kongres", null, null, "Europe/Warsaw", null, null, null),
                new Recipient("Anna", "Nowak", "anna@example.org", "pl")));
    }

    private static String email() {
        return "anna." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    @Test
    void aRegistrantFillsThePolishFormAndSeesTheDecisionArriveWithoutReloading() throws Exception {
        browser.get(url("/events/" + EVENT + "?lang=pl"));
        assertThat(browser.findElement(By.tagName("h2")).getText()).isEqualTo("Formularz rejestracji");
        assertAccessible("form (pl)");
        fillForm(email(), "day-1");
        screenshot("form.png", 2300);

        String id = submitAndAwaitStatusPage();
        assertThat(statusShown()).isEqualTo("PENDING");
        assertThat(text("#status")).isEqualTo("czeka na decyzję");
        assertAccessible("status page (pending)");
        markDocument();
        Thread.sleep(1000); // let the page's event stream connect, so the decision arrives as a push

        decide(id, SessionStatus.CONFIRMED, RegistrationStatus.CONFIRMED);

        awaitStatus("CONFIRMED");
        assertThat(sameDocument()).as("the status page changed in place, without a reload").isTrue();
        assertThat(text("#status")).isEqualTo("potwierdzona");
        assertThat(text("li[data-session=day-1]"))
                .contains("miejsce potwierdzone");
        assertAccessible("status page (confirmed)");
        screenshot("status.png", 800);
    }

    @Test
    void theFormWorksInEnglish() {
        browser.get(url("/events/" + EVENT + "?lang=en"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.tagName("h2")).getText()).isEqualTo("Registration form");
        assertAccessible("form (en)");
        fillForm(email(), "day-2", "panel-climate");
        screenshot("form-en.png", 2300);

        submitAndAwaitStatusPage();
        assertThat(text("#status")).isEqualTo("waiting for the decision");
        browser.get(url("/?lang=pl"));
    }

    @Test
    void invalidInputIsListedAtTheTopAndLinkedToItsField() {
        browser.get(url("/events/" + EVENT + "?lang=pl"));
        fillForm(email(), "panel-housing", "panel-climate");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(browser, PATIENCE).until(d -> !d.findElements(By.id("error-summary")).isEmpty());
        browser.findElement(By.cssSelector("#error-summary a[href='#sessionIds']")).click();
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("sessionIds");
        assertThat(browser.findElement(By.id("email")).getAttribute("value")).endsWith("@example.org");
        assertAccessible("form with errors");
    }

    @Test
    void aRegistrantCancelsThroughTheManageLink() {
        String id = register(registration("day-1")).json().path("registrationId").asString();
        decide(id, SessionStatus.CONFIRMED, RegistrationStatus.CONFIRMED);
        String token = new ManageToken(SECRET).sign(id, Instant.now().plusSeconds(3600));
        browser.get(url("/registrations/" + id + "/manage?lang=pl&token=" + token));
        // Reloaded until the decision is in the read model; a reload that meets the page's own navigation is
        // aborted by the browser, and the next one is tried.
        new WebDriverWait(browser, PATIENCE).ignoring(WebDriverException.class).until(d -> {
            d.navigate().refresh();
            return "CONFIRMED".equals(statusShown());
        });
        assertThat(browser.findElement(By.id("registrant")).getText()).isEqualTo("Anna Nowak");
        assertAccessible("manage page");
        screenshot("manage.png", 900);

        browser.findElement(By.cssSelector("form button.danger")).click();
        new WebDriverWait(browser, PATIENCE).until(d -> d.getCurrentUrl().endsWith("/registrations/" + id + "?cancel=requested"));
        assertThat(browser.findElement(By.className("notice")).getText()).contains("anulowanie");
        markDocument();
        publish(Topics.REGISTRATION_DECISIONS.name(), id, new RegistrationCancelled(Schema.newMessageId(),
                Instant.now(), Schema.VERSION, id, EVENT,
                List.of(new SessionOutcome("day-1", "Dzień 1", Instant.now(), Instant.now(), SessionStatus.CANCELLED,
                        null)), new EventSummary(EVENT, "Kongres", null, null, "Europe/Warsaw", null, null, null)));
        awaitStatus("CANCELLED");
        assertThat(sameDocument()).isTrue();

        browser.get(url("/registrations/" + id + "/manage?token=forged"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Link jest nieważny");
    }

    @Test
    void aFullSessionIsOfferedAsWaitlist() {
        publish(Topics.SEAT_AVAILABILITY.name(), EVENT, SeatAvailability.of(EVENT, Instant.now(),
                List.of(new SessionSeats("walk-revitalisation", 30, 30, 2))));
        new WebDriverWait(browser, PATIENCE).until(d -> {
            d.get(url("/events/" + EVENT + "?lang=pl"));
            return d.findElement(By.cssSelector("label[for=session-walk-revitalisation]")).getText()
                    .contains("lista rezerwowa");
        });
        assertThat(browser.findElement(By.cssSelector("label[for=session-day-2]")).getText()).contains("wolnych miejsc");
        fillForm(email(), "walk-revitalisation");
        String id = submitAndAwaitStatusPage();
        assertThat(id).isNotBlank();
    }

    /** Presses Tab until the element with this id has the focus; only the keyboard moves it. */
    private void tabTo(String id) {
        for (int i = 0; i < 40; i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            if (id.equals(browser.switchTo().activeElement().getAttribute("id"))) {
                return;
            }
        }
        throw new AssertionError("Tab never reached #" + id);
    }

    private void type(String text) {
        new Actions(browser).sendKeys(text).perform();
    }

    @Test
    void theFormWorksWithTheKeyboardAlone() {
        browser.get(url("/events/" + EVENT + "?lang=pl"));
        tabTo("firstName");
        type("Anna");
        tabTo("lastName");
        type("Nowak");
        tabTo("email");
        type(email());
        tabTo("session-day-1");
        type(" ");
        tabTo("terms");
        type(" ");
        tabTo("privacy");
        type(" ");
        tabTo("privacy-notice"); // the link to the event's privacy notice comes next
        tabTo("newsletter");
        new Actions(browser).sendKeys(Keys.TAB).perform();
        // The honeypot is not in the tab order: after the optional consent comes the submit button.
        assertThat(browser.switchTo().activeElement().getTagName()).isEqualTo("button");
        type(Keys.ENTER.toString());
        new WebDriverWait(browser, PATIENCE).until(d -> d.getCurrentUrl().matches(".*/registrations/[0-9a-f-]{36}"));
    }
}
