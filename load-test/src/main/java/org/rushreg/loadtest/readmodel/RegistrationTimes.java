package org.rushreg.loadtest.readmodel;

import java.time.Duration;
import java.time.Instant;

/**
 * A registration's own timestamps in the registration-service's read model.
 *
 * @param createdAt when the request was accepted
 * @param decidedAt when the decision was made (the decision's creation time), null while pending
 * @param visibleAt when the read model applied the decision (its first decision outcome's {@code applied_at}): from
 *                  then on the status API and the status page show it; null while not applied
 */
public record RegistrationTimes(String id, String status, Instant createdAt, Instant decidedAt, Instant visibleAt) {

    public RegistrationTimes(String id, String status, Instant createdAt, Instant decidedAt) {
        this(id, status, createdAt, decidedAt, null);
    }

    public boolean decided() {
        return decidedAt != null && !"PENDING".equals(status);
    }

    /** Accepted to decided, by the system's own clocks; null while pending. */
    public Duration decisionLatency() {
        return decided() ? Duration.between(createdAt, decidedAt) : null;
    }

    /** Accepted to visible in the read model, by the system's own clocks; null while not applied. */
    public Duration visibleLatency() {
        return decided() && visibleAt != null ? Duration.between(createdAt, visibleAt) : null;
    }
}
