package org.rushreg.capacity.allocation;

/**
 * The counters of one session. The waitlist is a FIFO of numbered places: {@code waitlistHead} is the lowest place
 * that may still be occupied, {@code waitlistTail} the number the next waitlisted registration gets. Places given
 * up by a cancellation are left empty and skipped when the head moves on.
 */
public record SessionTally(int confirmed, int waitlisted, long waitlistHead, long waitlistTail) {

    public static final SessionTally EMPTY = new SessionTally(0, 0, 0, 0);

    SessionTally withConfirmed(int newConfirmed) {
        return new SessionTally(newConfirmed, waitlisted, waitlistHead, waitlistTail);
    }

    SessionTally withWaitlisted(int newWaitlisted) {
        return new SessionTally(confirmed, newWaitlisted, waitlistHead, waitlistTail);
    }

    SessionTally withWaitlistHead(long newHead) {
        return new SessionTally(confirmed, waitlisted, newHead, waitlistTail);
    }

    SessionTally withWaitlistTail(long newTail) {
        return new SessionTally(confirmed, waitlisted, waitlistHead, newTail);
    }
}
