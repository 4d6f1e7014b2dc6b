package org.rushreg.notification.sending;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code interval}: at most one "already registered" reminder per address and event within this time
 * ({@code REMINDER_INTERVAL}, default 24 h); zero turns the limit off (every duplicate is answered by email).
 */
@ConfigurationProperties("notification.reminders")
record ReminderSettings(Duration interval) {

    public ReminderSettings {
        if (interval == null) {
            interval = Duration.ofHours(24);
        }
        if (interval.isNegative()) {
            throw new IllegalArgumentException("REMINDER_INTERVAL must be zero (no limit) or positive, e.g. 24h; was "
                    + interval);
        }
    }

    public boolean limited() {
        return !interval.isZero();
    }
}
