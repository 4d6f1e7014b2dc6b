package org.rushreg.registration.checkin;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param answerTimeout how long a scan's request waits for its decision before it is answered 202 PENDING
 */
@ConfigurationProperties("rushreg.check-in")
record CheckInProperties(Duration answerTimeout) {

    CheckInProperties {
        answerTimeout = answerTimeout == null ? Duration.ofSeconds(5) : answerTimeout;
    }
}
