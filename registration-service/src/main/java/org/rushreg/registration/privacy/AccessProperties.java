package org.rushreg.registration.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Access requests (GDPR Art. 15, decision 0050).
 *
 * @param answerWait how long {@code GET /api/organiser/people} waits for the other stores' answers
 *                   ({@code PERSONAL_DATA_ACCESS_WAIT}); a store that has not answered by then is shown as not answered
 */
@ConfigurationProperties("rushreg.access")
public record AccessProperties(Duration answerWait) {

    public AccessProperties {
        answerWait = answerWait == null ? Duration.ofSeconds(5) : answerWait;
        if (answerWait.isNegative() || answerWait.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("PERSONAL_DATA_ACCESS_WAIT must be between 0 and 1 minute (an HTTP "
                    + "request waits for it, and the notification-service answers no request older than a minute), "
                    + "not " + answerWait);
        }
    }
}
