package org.rushreg.loadtest.rush;

/**
 * A registration's state as the status API shows it.
 *
 * @param waitlistPosition the position on the session's waitlist, or null
 * @param seenNanos        when the tool first saw it decided ({@link System#nanoTime()})
 */
public record Decision(String status, String reason, Integer waitlistPosition, long seenNanos) {

    public boolean pending() {
        return status == null || status.equals("PENDING");
    }
}
