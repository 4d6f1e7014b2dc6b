package org.rushreg.notification.sending;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The pace of organisers' messages (decision 0042): at most {@code perSecond} of their emails per second from this
 * instance, so that a message to thousands does not push the mail server into refusing (or the organiser's domain
 * onto a spam list). Other emails are not paced. Zero or less: no pace.
 */
final class OrganiserMessagePace {

    private final long intervalNanos;
    private long next = System.nanoTime();

    public OrganiserMessagePace(double perSecond) {
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (Duration.ofSeconds(1).toNanos() / perSecond);
    }

    /** Waits, when this instance sent one too recently, until the next may go. */
    public synchronized void awaitTurn() {
        if (intervalNanos == 0) {
            return;
        }
        long now = System.nanoTime();
        if (next - now > 0) {
            LockSupport.parkNanos(next - now);
            now = System.nanoTime();
        }
        next = Math.max(now, next) + intervalNanos;
    }
}
