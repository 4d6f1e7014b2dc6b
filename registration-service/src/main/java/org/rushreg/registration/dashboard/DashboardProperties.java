package org.rushreg.registration.dashboard;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param refresh      how often each open dashboard is brought up to date (only what changed is sent)
 * @param alertPercent from how full (confirmed of capacity, in percent) a session is flagged
 */
@ConfigurationProperties("rushreg.dashboard")
record DashboardProperties(Duration refresh, Integer alertPercent) {

    DashboardProperties {
        refresh = refresh == null || refresh.isNegative() || refresh.isZero() ? Duration.ofSeconds(1) : refresh;
        alertPercent = alertPercent == null ? 90 : alertPercent;
    }
}
