package org.rushreg.messages;

/** Seats of one session. {@code remaining} never goes below zero, even when capacity was lowered. */
public record SessionSeats(String sessionId, int capacity, int confirmed, int waitlisted) {

    public int remaining() {
        return Math.max(0, capacity - confirmed);
    }
}
