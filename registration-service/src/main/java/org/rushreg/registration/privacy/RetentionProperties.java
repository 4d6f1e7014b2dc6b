package org.rushreg.registration.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long the people of an event are remembered after it.
 *
 * @param defaultDays days after an event's last day that its personal data is kept where the event sets no
 *                    {@code personalDataRetentionDays} ({@code PERSONAL_DATA_RETENTION_DAYS})
 *
 * <p>How often the events are checked ({@code rushreg.retention.check-every}, {@code RETENTION_CHECK_INTERVAL}) is read
 * by {@link EventRetention}'s schedule itself.
 */
@ConfigurationProperties("rushreg.retention")
public record RetentionProperties(Integer defaultDays) {

    public RetentionProperties {
        defaultDays = defaultDays == null ? 30 : defaultDays;
        if (defaultDays < 0) {
            throw new IllegalArgumentException("PERSONAL_DATA_RETENTION_DAYS must be 0 or more days, not " + defaultDays);
        }
    }
}
