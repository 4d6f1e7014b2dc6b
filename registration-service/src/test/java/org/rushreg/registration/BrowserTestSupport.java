package org.rushreg.registration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.WebDriver;

/** The service plus one headless Chromium per test class (skipped, with the reason, where it is not installed). */
abstract class BrowserTestSupport extends ServiceTestSupport {

    protected static WebDriver browser;

    @BeforeAll
    static void startBrowser() {
        browser = TestBrowser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }
}
