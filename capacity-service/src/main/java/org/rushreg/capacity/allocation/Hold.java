package org.rushreg.capacity.allocation;

import java.time.Instant;
import java.util.Comparator;

/** A registration holding its seats until its email is verified or {@code until} passes (decision 0030). */
public record Hold(String eventId, String registrationId, Instant until) {

    /** Earliest deadline first; ties in a fixed order, so that expiring them is the same on every replay. */
    public static final Comparator<Hold> BY_DEADLINE = Comparator.comparing(Hold::until)
            .thenComparing(Hold::eventId).thenComparing(Hold::registrationId);
}
