package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rushreg.registration.catalogue.EventCatalogue;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The privacy notice of an event and the accessibility statement, as a registrant reaches them: from the form's link
 * and from the footer of every public page, in Polish and English, without accessibility violations (axe-core). The
 * notice names the event's organiser as the controller and the day the event's data goes (its last day plus the
 * retention), as the retention job keeps it. An organiser's own notice text takes the composed one's place, in the
 * reader's language, each line a paragraph, and the contact and retention the system applies follow it unchanged.
 */
class LegalPagesBrowserTest extends BrowserTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    EventCatalogue catalogue;

    private void open(String path) {
        browser.get(url(path));
    }

    private void click(By link) {
        String before = browser.getCurrentUrl();
        browser.findElement(link).click();
        new WebDriverWait(browser, PATIENCE).until(d -> !d.getCurrentUrl().equals(before));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    @Test
    void theFormLinksTheEventsPrivacyNoticeWhichNamesTheOrganiserAndTheDayTheDataGoes() {
        open("/events/" + EVENT + "?lang=pl"); // the language is kept in a cookie across this class's tests
        click(By.id("privacy-notice"));

        assertThat(browser.getCurrentUrl()).endsWith("/events/" + EVENT + "/privacy");
        assertThat(browser.findElement(By.tagName("h1")).getText())
                .isEqualTo("Informacja o przetwarzaniu danych osobowych — IV Kongres Polityki Miejskiej i Regionalnej");
        assertThat(text("controller")).contains("kongres@obserwatorium.example.org");
        // the last day kept is the day before the retention job erases the event's people (the default: 30 days)
        LocalDate lastDayKept = catalogue.find(EVENT).orElseThrow().personalDataExpiresAt(30).minusNanos(1)
                .atZone(ZoneId.of("Europe/Warsaw")).toLocalDate();
        assertThat(text("retention")).startsWith("Do " + DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("pl"))
                .format(lastDayKept) + " (30 dni po ostatnim dniu wydarzenia").contains("każda część systemu");
        assertThat(text("version")).contains("Wersja");
        TestBrowser.assertAccessible(browser, "privacy notice (pl)");
        TestBrowser.screenshot(browser, "privacy-notice-pl.png", 1400);

        open("/events/" + EVENT + "/privacy?lang=en");
        assertThat(text("retention")).startsWith("Until " + DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)
                .format(lastDayKept) + " (30 days after the event’s last day");
        TestBrowser.assertAccessible(browser, "privacy notice (en)");
    }

    @Test
    void anOrganisersOwnNoticeIsReadInTheReadersLanguageAboveTheRetentionTheSystemApplies() {
        String id = "notice-" + UUID.randomUUID().toString().substring(0, 8);
        var event = new LinkedHashMap<String, Object>();
        event.put("name", "Forum Rewitalizacji");
        event.put("names", Map.of("pl", "Forum Rewitalizacji", "en", "Revitalisation Forum"));
        event.put("timeZone", "Europe/Warsaw");
        event.put("startsOn", "2030-05-06");
        event.put("endsOn", "2030-05-06");
        event.put("waitlistEnabled", true);
        event.put("organiserEmail", "forum@example.org");
        event.put("personalDataRetentionDays", 60);
        event.put("privacyNotices", Map.of(
                "pl", "Administratorem danych jest Instytut Rozwoju Miast i Regionów.\n\n"
                        + "Dane przetwarzamy, aby zarejestrować Cię na forum.\nMasz prawo dostępu do swoich danych.",
                "en", "The controller is the Institute of Urban and Regional Development.\n"
                        + "We process your data to register you for the forum."));
        event.put("sessions", List.of(Map.of("id", "plenary", "title", "Sesja plenarna",
                "startsAt", "2030-05-06T09:00:00+02:00", "endsAt", "2030-05-06T11:00:00+02:00", "capacity", 50)));
        Answer put = send("PUT", "/api/organiser/events/" + id, "application/json", JSON.writeValueAsString(event),
                Map.of("Authorization", basic(TestOrganisers.ORGANISER, TestOrganisers.ORGANISER_PASSWORD)));
        assertThat(put.status()).as(put.body()).isEqualTo(201);
        LocalDate lastDayKept = LocalDate.parse("2030-07-05");

        open("/events/" + id + "/privacy?lang=pl");
        assertThat(browser.findElements(By.cssSelector("#organiser-notice p"))).extracting(e -> e.getText())
                .containsExactly("Administratorem danych jest Instytut Rozwoju Miast i Regionów.",
                        "Dane przetwarzamy, aby zarejestrować Cię na forum.", "Masz prawo dostępu do swoich danych.");
        assertThat(text("system-facts-heading")).isEqualTo("Co stosuje system rejestracji");
        assertThat(text("controller")).contains("forum@example.org");
        assertThat(text("retention")).startsWith("Do " + DateTimeFormatter.ofPattern("d MMMM yyyy",
                Locale.forLanguageTag("pl")).format(lastDayKept) + " (60 dni po ostatnim dniu wydarzenia");
        TestBrowser.assertAccessible(browser, "organiser's privacy notice (pl)");
        TestBrowser.screenshot(browser, "privacy-notice-organiser-pl.png", 1200);

        open("/events/" + id + "/privacy?lang=en");
        assertThat(browser.findElement(By.tagName("h1")).getText())
                .isEqualTo("Privacy notice — Revitalisation Forum");
        assertThat(browser.findElements(By.cssSelector("#organiser-notice p"))).extracting(e -> e.getText())
                .containsExactly("The controller is the Institute of Urban and Regional Development.",
                        "We process your data to register you for the forum.");
        assertThat(text("retention")).startsWith("Until 5 July 2030 (60 days after the event’s last day");
        TestBrowser.assertAccessible(browser, "organiser's privacy notice (en)");
    }

    @Test
    void everyPublicPageLeadsToTheAccessibilityStatementAndThePrivacyNotices() {
        for (String page : new String[] {"/?lang=pl", "/events/" + EVENT, "/events/" + EVENT + "/privacy", "/privacy"}) {
            open(page);
            click(By.cssSelector("footer a[href='/accessibility']"));
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Deklaracja dostępności");
        }
        assertThat(text("a11y-intro")).contains("ustawą z dnia 4 kwietnia 2019 r.");
        assertThat(text("a11y-contact")).contains("dostepnosc@example.org");
        TestBrowser.assertAccessible(browser, "accessibility statement (pl)");
        TestBrowser.screenshot(browser, "accessibility-statement-pl.png", 2000);
        open("/accessibility?lang=en");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Accessibility statement");
        TestBrowser.assertAccessible(browser, "accessibility statement (en)");

        open("/events/" + EVENT);
        click(By.cssSelector("footer a[href='/privacy']"));
        TestBrowser.assertAccessible(browser, "privacy notices");
        click(By.linkText("IV Kongres Polityki Miejskiej i Regionalnej"));
        assertThat(browser.getCurrentUrl()).endsWith("/events/" + EVENT + "/privacy");
    }

    @Test
    void anUnknownEventHasNoPrivacyNotice() {
        Answer answer = get("/events/no-such-event/privacy");
        assertThat(answer.status()).isEqualTo(404);
    }
}
