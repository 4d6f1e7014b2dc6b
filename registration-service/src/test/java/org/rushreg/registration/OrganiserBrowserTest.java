package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * An organiser in Debian's headless Chromium: logs in, raises a capacity and writes a privacy notice in the event form
 * (no JavaScript needed; the event's own multi-line description survives the save), finds an attendee and reads the
 * audit log. axe-core finds no accessibility violations on these pages and the
 * Content-Security-Policy refuses nothing. Screenshots of the event form and the attendee list.
 */
class OrganiserBrowserTest extends BrowserTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Two lines: the browser posts the text area's line break as CRLF, and it must come back as it was. */
    private static final String SESSION_DESCRIPTION_PL = "Otwarcie forum.\nPotem dyskusja.";
    /** The event's own description, set through the API: its text area must keep the line break through a save. */
    private static final String EVENT_DESCRIPTION_PL = "Dzień o rewitalizacji.\nSpacer po Zabłociu.";
    private static final String PRIVACY_NOTICE_PL = "Administratorem danych jest organizator forum.\n"
            + "Dane przetwarzamy wyłącznie w celu rejestracji.";

    private void until(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, PATIENCE).until(condition);
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((TestOrganisers.ORGANISER + ":"
                + TestOrganisers.ORGANISER_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private String newEvent() {
        String id = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        var event = new LinkedHashMap<String, Object>();
        event.put("name", "Forum Rewitalizacji " + id);
        event.put("venue", "Centrum Konferencyjne");
        event.put("descriptions", Map.of("pl", EVENT_DESCRIPTION_PL));
        event.put("timeZone", "Europe/Warsaw");
        event.put("startsOn", "2030-05-06");
        event.put("endsOn", "2030-05-06");
        event.put("registrationOpensAt", Instant.parse("2024-01-01T00:00:00Z").toString());
        event.put("waitlistEnabled", true);
        event.put("sessions", List.of(Map.of("id", "plenary", "title", "Sesja plenarna",
                "startsAt", "2030-05-06T09:00:00+02:00", "endsAt", "2030-05-06T11:00:00+02:00", "capacity", 5,
                "descriptions", Map.of("pl", SESSION_DESCRIPTION_PL, "en", "Opening of the forum."))));
        var answer = send("PUT", "/api/organiser/events/" + id, "application/json", JSON.writeValueAsString(event),
                Map.of("Authorization", basic()));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return id;
    }

    @Test
    void anOrganiserRaisesACapacityFindsAnAttendeeAndReadsTheAuditLog() {
        String event = newEvent();
        var registration = with(with(with(registration("plenary"), "firstName", "Zażółć"), "lastName", "Gęślą"),
                "organisation", "Urząd Miasta Łodzi");
        assertThat(postJson("/api/events/" + event + "/registrations", registration, Map.of()).status())
                .isEqualTo(202);

        browser.get(url("/organiser"));
        until(d -> d.getCurrentUrl().contains("/organiser/login"));
        TestBrowser.policyViolations(browser);
        TestBrowser.assertAccessible(browser, "login");
        browser.findElement(By.id("username")).sendKeys(TestOrganisers.ORGANISER);
        browser.findElement(By.id("password")).sendKeys(TestOrganisers.ORGANISER_PASSWORD);
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        // Back to the page asked for (Spring Security adds "?continue" to it).
        until(d -> d.getCurrentUrl().contains("/organiser") && !d.getCurrentUrl().contains("/login"));
        TestBrowser.assertAccessible(browser, "events");

        browser.findElement(By.cssSelector("tr[data-event='" + event + "'] a[href$='/edit']")).click();
        until(d -> d.getCurrentUrl().endsWith("/organiser/events/" + event + "/edit"));
        assertThat(browser.findElement(By.id("sessions-0-descriptionPl")).getDomProperty("value"))
                .isEqualTo(SESSION_DESCRIPTION_PL);
        assertThat(browser.findElement(By.id("descriptionPl")).getDomProperty("value"))
                .isEqualTo(EVENT_DESCRIPTION_PL);
        browser.findElement(By.id("privacyNoticePl")).sendKeys(PRIVACY_NOTICE_PL);
        TestBrowser.assertAccessible(browser, "event form");
        TestBrowser.screenshot(browser, "organiser-event-form.png", 1400);
        WebElement capacity = browser.findElement(By.id("sessions-0-capacity"));
        capacity.clear();
        capacity.sendKeys("12");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        until(d -> d.getCurrentUrl().endsWith("/organiser") || !d.findElements(By.id("error-summary")).isEmpty());
        assertThat(browser.findElements(By.id("error-summary"))).as(() -> browser.findElement(By.id("error-summary"))
                .getText()).isEmpty();
        assertThat(browser.findElement(By.cssSelector("main .notice")).getText()).contains("Zapisano i opublikowano");
        JsonNode plenary = JSON.readTree(send("GET", "/api/organiser/events/" + event, null, null,
                Map.of("Authorization", basic())).body()).get("sessions").get(0);
        assertThat(plenary.get("capacity").asInt()).isEqualTo(12);
        assertThat(plenary.path("descriptions").path("pl").asString()).as("descriptions the form did not touch")
                .isEqualTo(SESSION_DESCRIPTION_PL);
        assertThat(plenary.path("descriptions").path("en").asString()).isEqualTo("Opening of the forum.");
        JsonNode saved = JSON.readTree(send("GET", "/api/organiser/events/" + event, null, null,
                Map.of("Authorization", basic())).body());
        assertThat(saved.path("descriptions").path("pl").asString()).as("the event's description, line break kept")
                .isEqualTo(EVENT_DESCRIPTION_PL);
        assertThat(saved.path("privacyNotices").path("pl").asString()).as("the notice typed in its text area")
                .isEqualTo(PRIVACY_NOTICE_PL);

        browser.get(url("/organiser/events/" + event + "/attendees"));
        browser.findElement(By.id("q")).sendKeys("gęślą");
        browser.findElement(By.cssSelector("form[role=search] button")).click();
        until(d -> d.getCurrentUrl().contains("q="));
        assertThat(browser.findElement(By.cssSelector("main table tbody")).getText()).contains("Zażółć Gęślą")
                .contains("Urząd Miasta Łodzi");
        TestBrowser.assertAccessible(browser, "attendees");
        TestBrowser.screenshot(browser, "organiser-attendees.png", 900);

        browser.get(url("/organiser/audit?event=" + event + "&lang=en"));
        assertThat(browser.findElement(By.cssSelector("main table")).getText()).contains("event changed")
                .contains("capacity plenary 5 → 12").contains("event created");
        TestBrowser.assertAccessible(browser, "audit");
        assertThat(TestBrowser.policyViolations(browser)).as("nothing refused by the CSP").isEmpty();
    }
}
