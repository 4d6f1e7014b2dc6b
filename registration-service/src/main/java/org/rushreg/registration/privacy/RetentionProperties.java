package org.rushreg.registration.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long the people of an event are remembered after it.
 *
 * @param defaultDays days after an event's last day that its personal data is kept where the event sets no
 *                    {@code personalDataRetentionDays} ({@code PERSONAL_DATA_RETENTION_DAYS})
 * @param checkEvery  how often the events are checked ({@code RETENTION_CHECK_INTERVAL})
 */
@ConfigurationProperties("rushreg.retention")
public record RetentionProperties(Integer defaultDays, Duration checkEvery) {

    public RetentionProperties {
        defaultDays = defaultDays == null ? 30 : defaultDays;
        checkEvery = checkEvery == null ? Duration.ofHours(1) : checkEvery;
        if (defaultDays < 0) {
            throw new IllegalArgumentException("PERSONAL_DATA_RETENTION_DAYS must be 0 or more days, not " + defaultDays);
        }
    }
}
