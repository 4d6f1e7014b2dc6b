package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rushreg.messages.SessionSeats;
import org.rushreg.messages.SessionStatus;

/**
 * An organiser in Debian's headless Chromium: logs in through the form, opens an event's dashboard, and watches
 * it follow registrations posted through the API and the decisions, seats and emails on the topics, without a
 * reload; a raised capacity empties the waitlist. axe-core finds no violations and the Content-Security-Policy
 * refuses nothing. The screenshot is docs/screenshots/dashboard.png when run with SCREENSHOTS_DIR set.
 */
class DashboardBrowserTest extends BrowserTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String WALK = "walk-revitalisation";

    private Object script(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** Read in one script call: a section may be swapped between two calls. */
    private long number(String selector) {
        Object text = script("var e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : null;",
                selector);
        return text == null ? -1 : Long.parseLong((String) text);
    }

    /** The registrations the chart itself shows, summed over its bars. */
    private long charted() {
        Object sum = script("var c = window.echarts && echarts.getInstanceByDom(document.getElementById('rate-chart'));"
                + "return c ? c.getOption().series[0].data.reduce(function (a, b) { return a + b; }, 0) : -1;");
        return ((Number) sum).longValue();
    }

    private void until(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, PATIENCE).until(condition);
    }

    private String register(String organisation, String sector, String session) {
        Answer answer = register(with(with(registration(session), "organisation", organisation), "sector", sector));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return answer.json().path("registrationId").asString();
    }

    @Test
    void anOrganiserWatchesRegistrationsArriveAndTheWaitlistEmptyWhenSeatsAreAdded() {
        browser.get(url("/organiser/login?lang=en"));
        browser.findElement(By.id("username")).sendKeys(TestOrganisers.ORGANISER);
        browser.findElement(By.id("password")).sendKeys(TestOrganisers.ORGANISER_PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        until(d -> !d.getCurrentUrl().contains("/organiser/login"));

        browser.get(url("/organiser/events/" + StandInServices.EVENT + "/dashboard?lang=en"));
        assertThat(browser.findElement(By.tagName("h1")).getText())
                .isEqualTo("Dashboard: IV Kongres Polityki Miejskiej i Regionalnej");
        until(d -> charted() >= 0);
        script("document.documentElement.dataset.sameDocument = 'yes'");
        long received = number("[data-total=received]");
        long chartedBefore = charted();
        TestBrowser.policyViolations(browser);

        try (StandInServices services = new StandInServices(broker)) {
            List<String> ids = new ArrayList<>();
            String[][] people = {{"Urząd Miasta Krakowa", "local-government"}, {"Politechnika Krakowska", "science"},
                    {"Urząd Miasta Krakowa", "local-government"}, {"Fundacja Miasto Otwarte", "ngo"},
                    {"Ministerstwo Funduszy i Polityki Regionalnej", "government"}, {"Politechnika Krakowska", "science"}};
            for (String[] person : people) {
                ids.add(register(person[0], person[1], WALK));
            }
            Instant requested = Instant.now();
            for (int i = 0; i < ids.size(); i++) {
                var decided = services.decide(ids.get(i), requested,
                        i < 3 ? SessionStatus.CONFIRMED : SessionStatus.WAITLISTED, WALK);
                services.email(decided, org.rushreg.messages.DeliveryStatus.SENT, null);
            }
            services.seats(new SessionSeats(WALK, 30, 30, 3), new SessionSeats("day-1", 600, 212, 0),
                    new SessionSeats("panel-housing", 120, 111, 0));

            until(d -> number("[data-total=received]") >= received + ids.size()
                    && charted() >= chartedBefore + ids.size()
                    && number("tr[data-session=" + WALK + "] [data-field=waitlisted]") == 3
                    && !d.findElements(By.cssSelector("tr[data-registration='" + ids.get(5) + "']")).isEmpty());
            assertThat(script("return document.documentElement.dataset.sameDocument")).as("changed in place").isEqualTo("yes");
            assertThat(browser.findElement(By.id("alerts")).getText()).contains("30 of 30 seats taken (100%), 3 on the waitlist");
            TestBrowser.assertAccessible(browser, "dashboard");
            long height = ((Number) script("return document.documentElement.scrollHeight")).longValue();
            TestBrowser.screenshot(browser, "dashboard.png", (int) Math.min(4000, height + 120));

            // More seats: the capacity service promotes the waitlist and reports the new seats.
            for (String waiting : ids.subList(3, 6)) {
                services.promote(waiting, WALK);
            }
            services.seats(new SessionSeats(WALK, 40, 33, 0), new SessionSeats("day-1", 600, 212, 0),
                    new SessionSeats("panel-housing", 120, 111, 0));
            until(d -> number("tr[data-session=" + WALK + "] [data-field=waitlisted]") == 0
                    && number("tr[data-session=" + WALK + "] [data-field=capacity]") == 40);
            assertThat(browser.findElement(By.id("alerts")).getText()).doesNotContain("revitalisation")
                    .contains("111 of 120");
            assertThat(browser.findElement(By.id("latest")).getText()).contains("promoted from the waitlist");
            assertThat(script("return document.documentElement.dataset.sameDocument")).isEqualTo("yes");
        }
        assertThat(TestBrowser.policyViolations(browser)).as("nothing refused by the CSP").isEmpty();
        TestBrowser.assertAccessible(browser, "dashboard after the waitlist emptied");
    }

    @Test
    void withoutLoginTheDashboardAsksForOne() {
        browser.manage().deleteAllCookies();
        browser.get(url("/organiser/events/" + StandInServices.EVENT + "/dashboard"));
        assertThat(browser.getCurrentUrl()).contains("/organiser/login");
        assertThat(Map.of("form", browser.findElements(By.id("password")).size())).containsEntry("form", 1);
    }
}
