package org.rushreg.registration.checkin;

import java.time.Duration;
import org.rushreg.registration.web.Refusal;
import org.springframework.http.HttpStatus;

/** A device sent more scans than its allowance (CHECK_IN_SCANS_PER_DEVICE per CHECK_IN_SCAN_PERIOD). */
class TooManyScansException extends Refusal {

    TooManyScansException(Duration wait) {
        super(HttpStatus.TOO_MANY_REQUESTS, "Too many scans", "This device sent more scans than it may in a while; "
                + "keep them and send them again in " + seconds(wait) + " s");
        retryAfter(String.valueOf(seconds(wait)));
    }

    private static long seconds(Duration wait) {
        return Math.max(1, wait.plusNanos(999_999_999).toSeconds());
    }
}
