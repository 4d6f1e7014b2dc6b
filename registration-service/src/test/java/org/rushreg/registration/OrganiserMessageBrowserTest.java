package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.SendOrganiserMessage;
import org.rushreg.messages.Topics;

/**
 * An organiser writes a message to the people of one session in headless Chromium (decision 0042): a missing text
 * is named, the preview shows both languages as the email will, and sending appends one command and lists the
 * message in the report. axe-core finds no violations; the CSP refuses nothing. Screenshot of the composer.
 */
class OrganiserMessageBrowserTest extends BrowserTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private void until(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, PATIENCE).until(condition);
    }

    private List<SendOrganiserMessage> sentTo(String eventId) {
        return commandLog().records().stream().filter(r -> eventId.equals(r.key()))
                .map(r -> MessageJson.fromBytes(r.value(), Topics.REGISTRATION_COMMANDS))
                .filter(SendOrganiserMessage.class::isInstance).map(SendOrganiserMessage.class::cast).toList();
    }

    private void type(String id, String text) {
        browser.findElement(By.id(id)).clear();
        browser.findElement(By.id(id)).sendKeys(text);
    }

    @Test
    void anOrganiserWritesPreviewsAndSendsAMessageToTheConfirmedOfASession() {
        String event = organiserEvent("browser-", "Forum Rewitalizacji", 5, 5);
        browser.get(url("/organiser/events/" + event + "/messages?lang=pl"));
        until(d -> d.getCurrentUrl().contains("/organiser/login"));
        browser.findElement(By.id("username")).sendKeys(TestOrganisers.ORGANISER);
        browser.findElement(By.id("password")).sendKeys(TestOrganisers.ORGANISER_PASSWORD);
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        until(d -> d.getCurrentUrl().contains("/messages") && !d.getCurrentUrl().contains("/login"));
        TestBrowser.assertAccessible(browser, "messages");
        assertThat(browser.findElements(By.id("send"))).as("no sending before a preview").isEmpty();

        new Select(browser.findElement(By.id("sessionId"))).selectByValue("walk");
        type("subjectPl", "Zmiana miejsca zbiórki");
        type("bodyPl", "Spacer zaczyna się przy wejściu B, nie A.\n\nProsimy o wygodne buty.");
        type("subjectEn", "New meeting point");
        browser.findElement(By.cssSelector("#compose button[type=submit]")).click();
        until(d -> !d.findElements(By.id("error-summary")).isEmpty());
        assertThat(browser.findElement(By.id("error-summary")).getText()).contains("Treść (po angielsku)");
        assertThat(browser.findElement(By.id("bodyEn")).getAttribute("aria-invalid")).isEqualTo("true");
        TestBrowser.assertAccessible(browser, "messages with an error");

        type("bodyEn", "The walk starts at entrance B, not A.\n\nPlease wear comfortable shoes.");
        browser.findElement(By.cssSelector("#compose button[type=submit]")).click();
        until(d -> !d.findElements(By.id("preview")).isEmpty());
        String preview = browser.findElement(By.id("preview")).getText();
        assertThat(preview).contains("Wiadomość od organizatorów wydarzenia Forum Rewitalizacji:",
                "A message from the organisers of Forum Rewitalizacji:", "Zmiana miejsca zbiórki", "Spacer zaczyna się przy wejściu B, nie A.",
                "Prosimy o wygodne buty.", "New meeting point", "The walk starts at entrance B, not A.",
                "Forum Rewitalizacji");
        assertThat(new Select(browser.findElement(By.id("sessionId"))).getFirstSelectedOption().getText())
                .isEqualTo("Spacer studyjny");
        TestBrowser.assertAccessible(browser, "message preview");
        TestBrowser.screenshot(browser, "organiser-message.png", 2000);

        browser.findElement(By.id("send")).click();
        until(d -> !d.findElements(By.cssSelector("main .notice")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#report tbody")).getText())
                .contains("Zmiana miejsca zbiórki", "walk");
        until(d -> sentTo(event).size() == 1);
        SendOrganiserMessage command = sentTo(event).get(0);
        assertThat(command.sessionId()).isEqualTo("walk");
        assertThat(command.bodyEn()).isEqualTo("The walk starts at entrance B, not A.\n\nPlease wear comfortable shoes.");
        TestBrowser.assertAccessible(browser, "messages sent");
        assertThat(TestBrowser.policyViolations(browser)).as("nothing refused by the CSP").isEmpty();
    }
}
