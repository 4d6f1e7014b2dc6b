package org.rushreg.loadtest.readmodel;

import java.time.Duration;
import java.time.Instant;

/**
 * A registration's own timestamps in the registration-service's read model.
 *
 * @param createdAt when the request was accepted
 * @param decidedAt when the decision was made (the decision's creation time), null while pending
 */
public record RegistrationTimes(String id, String status, Instant createdAt, Instant decidedAt) {

    public boolean decided() {
        return decidedAt != null && !"PENDING".equals(status);
    }

    /** Accepted to decided, by the system's own clocks; null while pending. */
    public Duration decisionLatency() {
        return decided() ? Duration.between(createdAt, decidedAt) : null;
    }
}
