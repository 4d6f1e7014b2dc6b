package org.rushreg.messages;

import java.time.Instant;

/**
 * A part of an event people register for: a day, a panel, a study walk. {@code cancelled}: the organiser called it
 * off (decision 0036); it stays in the definition, so its title and time are still known, but nobody holds or gets a
 * seat in it. Absent (as in definitions written before the option) or false: it takes place; kept as null then, so a
 * definition without cancellations reads and writes as before.
 */
public record SessionDefinition(String id, String title, Instant startsAt, Instant endsAt, int capacity,
                                Boolean cancelled) {

    public SessionDefinition {
        cancelled = Boolean.TRUE.equals(cancelled) ? Boolean.TRUE : null;
    }

    /** A session that takes place. */
    public SessionDefinition(String id, String title, Instant startsAt, Instant endsAt, int capacity) {
        this(id, title, startsAt, endsAt, capacity, null);
    }

    /** Whether it takes place: not cancelled by the organiser. */
    public boolean offered() {
        return !Boolean.TRUE.equals(cancelled);
    }

    /** The same session, called off. */
    public SessionDefinition withCancelled(boolean cancelled) {
        return new SessionDefinition(id, title, startsAt, endsAt, capacity, cancelled);
    }

    /** True when the two sessions take place, at least in part, at the same time. */
    public boolean overlaps(SessionDefinition other) {
        return startsAt.isBefore(other.endsAt) && other.startsAt.isBefore(endsAt);
    }
}
