package org.rushreg.messages;

import java.time.Instant;

/** A part of an event people register for: a day, a panel, a study walk. */
public record SessionDefinition(String id, String title, Instant startsAt, Instant endsAt, int capacity) {

    /** True when the two sessions take place, at least in part, at the same time. */
    public boolean overlaps(SessionDefinition other) {
        return startsAt.isBefore(other.endsAt) && other.startsAt.isBefore(endsAt);
    }
}
