package org.rushreg.notification.sending;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Reminders before the event (decision 0028). {@code before}: how long before a registration's first session each
 * reminder goes out ({@code REMINDER_BEFORE_EVENT}, default one day; a list such as {@code P1D,PT2H} sends one of
 * each; empty sends none). {@code checkInterval} / {@code firstCheckAfter}: how often the job looks for due reminders,
 * and how soon after the start it looks first. {@code batchSize}: reminders read and sent per round. A claim
 * ({@code SENDING}) older than {@code claimTimeout} belongs to an instance that died in the middle of the send and is
 * taken over.
 */
@ConfigurationProperties("notification.event-reminders")
record EventReminderSettings(List<Duration> before, Duration checkInterval, Duration firstCheckAfter,
                                    Integer batchSize, Duration claimTimeout) {

    public EventReminderSettings {
        before = before == null ? List.of(Duration.ofDays(1)) : before.stream().distinct().sorted().toList();
        for (Duration offset : before) {
            if (!positive(offset)) {
                throw new IllegalArgumentException("REMINDER_BEFORE_EVENT must list positive durations such as "
                        + "P1D,PT2H (or be empty for no reminders); was " + offset);
            }
        }
        checkInterval = checkInterval == null ? Duration.ofMinutes(1) : checkInterval;
        firstCheckAfter = firstCheckAfter == null ? Duration.ofSeconds(10) : firstCheckAfter;
        batchSize = batchSize == null ? 100 : batchSize;
        claimTimeout = claimTimeout == null ? Duration.ofMinutes(10) : claimTimeout;
        if (batchSize < 1 || !positive(claimTimeout) || !positive(checkInterval)) {
            throw new IllegalArgumentException("REMINDER_BATCH_SIZE, REMINDER_CLAIM_TIMEOUT and REMINDER_CHECK_INTERVAL "
                    + "must be positive");
        }
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
