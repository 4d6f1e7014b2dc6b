package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.chromium.HasNetworkConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rushreg.messages.ScanResult;
import org.rushreg.messages.ScanTicket;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.TicketScanned;
import org.rushreg.messages.tickets.Ticket;
import org.rushreg.messages.tickets.TicketCode;
import org.rushreg.messages.tickets.TicketQr;

/**
 * The staff's page in Debian's headless Chromium: the staff account logs in and lands on the check-in, types a
 * ticket's short code and sees the holder admitted; with the network cut it finds someone by name and admits them
 * from the synced list, and the scan waits on the phone until the network is back, then is sent once; a queue sent
 * again changes nothing. axe-core finds no accessibility violations and the Content-Security-Policy refuses nothing.
 * The stand-in plays the capacity-service, deciding each scan command it reads (its rules: AdmissionsTest).
 */
class CheckInBrowserTest extends BrowserTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final TicketCode CODES = TicketCode.withKeyOrRandom(TICKET_KEY);

    private StandInServices services;

    @BeforeEach
    void standIn() {
        services = new StandInServices(broker);
    }

    @AfterEach
    void stop() {
        services.close();
    }

    private void until(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, PATIENCE).until(condition);
    }

    @Test
    void staffAdmitByCodeAndByNameOfflineAndTheQueueIsSentOnceWhenTheNetworkIsBack() {
        String zofia = confirmed("Zofia", "Wiśniewska");
        String tomasz = confirmed("Tomasz", "Kowalczyk");
        Ticket zofiasTicket = CODES.issue(EVENT, zofia);

        openDoor(browser);
        TestBrowser.policyViolations(browser);

        // the short code, typed as read out
        browser.findElement(By.id("code")).sendKeys(zofiasTicket.shortCode().toLowerCase() + "\n");
        ScanTicket first = awaitCommand(c -> c.registrationId().equals(zofia));
        services.scanned(decision(first, ScanResult.ADMITTED));
        until(d -> text("answer-result").equals("Wpuszczony"));
        assertThat(text("answer-name")).isEqualTo("Zofia Wiśniewska");
        TestBrowser.assertAccessible(browser, "check-in");
        TestBrowser.screenshot(browser, "checkin.png", 1100);

        // a phone that did not admit Zofia itself: the synced list says she was admitted (on any device)
        ((JavascriptExecutor) browser).executeScript("window.localStorage.removeItem(arguments[0]);"
                + "window.localStorage.removeItem(arguments[1]);", "rushreg.checkin.admitted." + EVENT,
                "rushreg.checkin.synced." + EVENT);
        browser.navigate().refresh();
        until(d -> !text("synced").equals("—"));

        HasNetworkConditions network = (HasNetworkConditions) browser;
        ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
        offline.setOffline(true);
        network.setNetworkConditions(offline);
        browser.findElement(By.id("search")).sendKeys("kowalcz");
        until(d -> !d.findElements(By.cssSelector("#matches li[data-registration='" + tomasz + "'] button"))
                .isEmpty());
        browser.findElement(By.cssSelector("#matches li[data-registration='" + tomasz + "'] button")).click();
        until(d -> text("answer-result").equals("Wpuszczony"));
        assertThat(text("answer-name")).isEqualTo("Tomasz Kowalczyk");
        assertThat(text("answer-detail")).contains("bez połączenia");
        until(d -> text("queued").equals("1"));

        browser.findElement(By.id("code")).sendKeys(zofiasTicket.shortCode() + "\n");
        until(d -> text("answer-result").equals("Już wpuszczony"));
        until(d -> text("queued").equals("2"));

        // offline, the signature decides: a forged code is refused on the phone and never queued ...
        String forged = zofiasTicket.code().substring(0, zofiasTicket.code().length() - 4)
                + (zofiasTicket.code().endsWith("AAAA") ? "BBBB" : "AAAA");
        browser.findElement(By.id("code")).sendKeys(forged + "\n");
        until(d -> text("answer-result").equals("Nieznany bilet"));
        assertThat(text("answer-detail")).contains("podpis sprawdzony w telefonie");
        // ... and a genuine ticket issued after the list was synced is admitted, said so
        String marek = confirmed("Marek", "Nowicki");
        browser.findElement(By.id("code")).sendKeys(CODES.issue(EVENT, marek).code() + "\n");
        until(d -> text("answer-result").equals("Wpuszczony"));
        assertThat(text("answer-detail")).contains("spoza listy");
        until(d -> text("queued").equals("3"));
        String queued = (String) ((JavascriptExecutor) browser).executeScript(
                "return window.localStorage.getItem('rushreg.checkin.queue." + EVENT + "');");

        network.deleteNetworkConditions();
        ScanTicket late = awaitCommand(c -> c.registrationId().equals(tomasz));
        services.scanned(decision(late, ScanResult.ADMITTED));
        ScanTicket again = awaitCommand(c -> c.registrationId().equals(zofia) && !c.scanId().equals(first.scanId()));
        services.scanned(decision(again, ScanResult.ALREADY_ADMITTED));
        ScanTicket unlisted = awaitCommand(c -> c.registrationId().equals(marek));
        services.scanned(decision(unlisted, ScanResult.ADMITTED));
        until(d -> text("queued").equals("0"));
        until(d -> !d.findElements(By.cssSelector("#recent li[data-scan='" + late.scanId() + "']"
                + "[data-result='ADMITTED']")).isEmpty());
        assertThat(queued).contains(late.scanId());

        // the same queue sent again, as a device that lost track of what it sent: answered from the read model
        ((JavascriptExecutor) browser).executeScript(
                "window.localStorage.setItem('rushreg.checkin.queue." + EVENT + "', arguments[0]);", queued);
        browser.navigate().refresh();
        until(d -> text("queued").equals("0"));
        String marker = "browser-" + UUID.randomUUID();
        // a later command of the event shows that the replay sent none before it
        assertThat(postJson("/api/check-in/events/" + EVENT + "/scans", java.util.Map.of("scanId", marker,
                "code", zofiasTicket.code(), "scannedAt", "2024-10-07T10:00:00+02:00"),
                java.util.Map.of("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (TestOrganisers.CHECKIN + ":" + TestOrganisers.CHECKIN_PASSWORD).getBytes()))).status())
                .isIn(200, 202);
        awaitCommand(c -> c.scanId().equals(marker));
        for (ScanTicket sent : List.of(late, again, unlisted)) {
            assertThat(queued).contains(sent.scanId());
            assertThat(scans().stream().filter(c -> c.scanId().equals(sent.scanId()))).hasSize(1);
        }
        assertThat(TestBrowser.policyViolations(browser)).isEmpty();
    }

    @Test
    void aBrowserWithoutBarcodeDetectorReadsTheTicketFromTheCameraAndTellsSomeonePromotedThatTheSeatWasFreed()
            throws IOException {
        // Ewa waited for day 2 and was promoted after it began, as a no-show release does
        var body = with(with(registration("day-2"), "firstName", "Ewa"), "lastName", "Zielińska");
        String ewa = register(body).json().path("registrationId").asString();
        awaitRecorded(ewa);
        services.decide(ewa, Instant.now(), SessionStatus.WAITLISTED, "day-2");
        services.promote(ewa, "day-2");
        await().atMost(PATIENCE).until(() -> "CONFIRMED".equals(
                get("/api/registrations/" + ewa).json().path("status").asString()));
        Path video = Files.createDirectories(Path.of("target", "fake-camera")).resolve(ewa + ".y4m");
        Files.write(video, FakeCamera.frameShowing(TicketQr.of(CODES.issue(EVENT, ewa).code())));
        ChromeDriver camera = (ChromeDriver) TestBrowser.start("--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream", "--use-file-for-fake-video-capture=" + video.toAbsolutePath());
        try {
            // As Firefox and Safari, whatever this Chromium offers: the bundled decoder is what is proven here.
            camera.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                    Map.of("source", "delete window.BarcodeDetector;"));
            openDoor(camera);
            new org.openqa.selenium.support.ui.Select(camera.findElement(By.id("door"))).selectByValue("day-2");
            camera.findElement(By.id("camera-start")).click();
            ScanTicket scan = awaitCommand(c -> c.registrationId().equals(ewa));
            assertThat(scan.sessionId()).isEqualTo("day-2");
            services.scanned(decision(scan, ScanResult.ADMITTED));
            new WebDriverWait(camera, PATIENCE).until(d -> text(d, "answer-result")
                    .equals("Wpuszczony: zwolniło się miejsce dla Ciebie"));
            assertThat(text(camera, "answer-name")).isEqualTo("Ewa Zielińska");
            assertThat(camera.executeScript("return 'BarcodeDetector' in window;")).isEqualTo(false);
            assertThat(camera.executeScript("return typeof window.jsQR;")).isEqualTo("function");
            assertThat(TestBrowser.policyViolations(camera)).isEmpty();
        } finally {
            camera.quit();
        }
    }

    /** Logs in as the check-in staff and opens the event's door page, its list synced. */
    private void openDoor(WebDriver driver) {
        WebDriverWait wait = new WebDriverWait(driver, PATIENCE);
        driver.get(url("/check-in"));
        wait.until(d -> d.getCurrentUrl().contains("/organiser/login"));
        driver.findElement(By.id("username")).sendKeys(TestOrganisers.CHECKIN);
        driver.findElement(By.id("password")).sendKeys(TestOrganisers.CHECKIN_PASSWORD);
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/check-in"));
        driver.findElement(By.cssSelector("a[data-event='" + EVENT + "']")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/check-in/events/" + EVENT));
        wait.until(d -> !text(d, "synced").equals("—"));
    }

    private String text(String id) {
        return text(browser, id);
    }

    private static String text(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getText().strip();
    }

    private String confirmed(String firstName, String lastName) {
        var body = with(with(registration("day-1"), "firstName", firstName), "lastName", lastName);
        String id = register(body).json().path("registrationId").asString();
        awaitRecorded(id);
        services.decide(id, Instant.now(), SessionStatus.CONFIRMED, "day-1");
        await().atMost(PATIENCE).until(() -> "CONFIRMED".equals(
                get("/api/registrations/" + id).json().path("status").asString()));
        return id;
    }

    private List<ScanTicket> scans() {
        return commandLog().commands().stream().filter(ScanTicket.class::isInstance).map(ScanTicket.class::cast)
                .toList();
    }

    private ScanTicket awaitCommand(java.util.function.Predicate<ScanTicket> which) {
        return await().atMost(PATIENCE).until(() -> scans().stream().filter(which).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private static TicketScanned decision(ScanTicket command, ScanResult result) {
        return new TicketScanned(Schema.newMessageId(), Instant.now(), Schema.VERSION, command.eventId(),
                command.scanId(), command.registrationId(), command.sessionId(), command.scannedAt(), result,
                command.scannedAt(), false);
    }
}
