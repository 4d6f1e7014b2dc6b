package org.rushreg.loadtest.openloop;

import java.util.concurrent.locks.LockSupport;

/** The time the arrivals are scheduled by; a test gives a clock it moves itself, so it needs no sleeps. */
public interface Clock {

    long nanoTime();

    /** Returns at {@code nanos} or later; at once if that is past. */
    void sleepUntil(long nanos) throws InterruptedException;

    Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepUntil(long nanos) throws InterruptedException {
            for (long wait = nanos - System.nanoTime(); wait > 0; wait = nanos - System.nanoTime()) {
                LockSupport.parkNanos(wait);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
    };
}
