package org.rushreg.registration.checkin;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param answerTimeout  how long a scan's request waits for its decision before it is answered 202 PENDING
 * @param scansPerDevice scans one device (account and address) may send per period; 0 turns the limit off
 * @param scanPeriod     the period that allowance refills after
 */
@ConfigurationProperties("rushreg.check-in")
record CheckInProperties(Duration answerTimeout, int scansPerDevice, Duration scanPeriod) {

    CheckInProperties {
        answerTimeout = answerTimeout == null ? Duration.ofSeconds(5) : answerTimeout;
        scanPeriod = scanPeriod == null ? Duration.ofMinutes(1) : scanPeriod;
    }
}
