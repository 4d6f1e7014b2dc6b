package org.rushreg.capacity.stream;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.utils.Time;

/**
 * The system clock, moved ahead on demand: a Kafka Streams instance given this {@link Time} lives in the future,
 * so a test sees a hold of a minute run out without waiting the minute. It only moves forward, as a real clock
 * that has waited would, and otherwise runs at the system's pace.
 */
final class AheadTime implements Time {

    private final AtomicLong aheadMillis = new AtomicLong();

    static AheadTime by(Duration ahead) {
        AheadTime time = new AheadTime();
        time.advance(ahead);
        return time;
    }

    void advance(Duration by) {
        aheadMillis.addAndGet(by.toMillis());
    }

    @Override
    public long milliseconds() {
        return System.currentTimeMillis() + aheadMillis.get();
    }

    @Override
    public long nanoseconds() {
        return System.nanoTime() + aheadMillis.get() * 1_000_000L;
    }

    @Override
    public void sleep(long ms) {
        Time.SYSTEM.sleep(ms);
    }

    @Override
    public void waitObject(Object obj, Supplier<Boolean> condition, long deadlineMs) throws InterruptedException {
        synchronized (obj) {
            while (!condition.get()) {
                long remaining = deadlineMs - milliseconds();
                if (remaining <= 0) {
                    throw new TimeoutException("Condition not satisfied before deadline");
                }
                obj.wait(remaining);
            }
        }
    }
}
