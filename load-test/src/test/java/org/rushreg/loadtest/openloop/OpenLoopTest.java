package org.rushreg.loadtest.openloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

/** The scheduler on a clock the test moves: no sleeps, and every figure exact. */
class OpenLoopTest {

    private static final long MS = 1_000_000;

    /** A clock that jumps to the time asked for, plus a stall where the test puts one. */
    private static final class FakeClock implements Clock {
        volatile long now;
        long stallAt = -1;
        long stall;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepUntil(long nanos) {
            if (nanos > now) {
                now = nanos;
            }
            if (nanos == stallAt) {
                now += stall;
            }
        }
    }

    private final FakeClock clock = new FakeClock();

    /** Answers every request 5 ms after it is sent. */
    private final OpenLoop.Sender fiveMillis = (step, i) -> {
        clock.now += 5 * MS;
        return CompletableFuture.completedFuture(new Answer(202, "id-" + step.index() + "-" + i));
    };

    @Test
    void aRequestSentLateCountsItsDelayAndSoDoTheOnesQueuedBehindIt() throws Exception {
        // 10/s: due at 0, 100, 200, 300, 400 ms; the tool stalls 300 ms just before sending the one due at 100 ms
        Step step = new Step(0, 10, 0, 5, false);
        clock.stallAt = 100 * MS;
        clock.stall = 300 * MS;

        List<Arrival> arrivals = new OpenLoop(clock, fiveMillis, 100).run(List.of(step), (s, l, e) -> true, 0);

        // answered at 5, 405, 410, 415, 420 ms; a closed loop would have measured 5 ms each
        assertThat(arrivals).extracting(a -> a.latencyNanos() / MS).containsExactly(5L, 305L, 210L, 115L, 20L);
        assertThat(arrivals).extracting(a -> a.lateNanos() / MS).containsExactly(0L, 300L, 205L, 110L, 15L);
    }

    @Test
    void requestsHeldBackByTheInFlightLimitAreLateAndCountIt() throws Exception {
        // nothing answers until the test says so; at most two out at once
        List<CompletableFuture<Answer>> out = new CopyOnWriteArrayList<>();
        OpenLoop.Sender held = (step, i) -> {
            CompletableFuture<Answer> f = new CompletableFuture<>();
            out.add(f);
            if (out.size() == 2) {
                // the second is out: the first answers 250 ms later, freeing a place for the third (due at 200 ms)
                Thread answerer = new Thread(() -> {
                    clock.now = 250 * MS;
                    out.get(0).complete(new Answer(202, "a"));
                });
                answerer.start();
            }
            return f;
        };
        Step step = new Step(0, 10, 0, 3, false);
        Thread finisher = new Thread(() -> {
            while (out.size() < 3) {
                Thread.onSpinWait();
            }
            clock.now = 260 * MS;
            out.get(1).complete(new Answer(202, "b"));
            out.get(2).complete(new Answer(202, "c"));
        });
        finisher.start();

        List<Arrival> arrivals = new OpenLoop(clock, held, 2).run(List.of(step), (s, l, e) -> true, 10_000);
        finisher.join();

        Arrival third = arrivals.get(2);
        assertThat(third.dueNanos()).isEqualTo(200 * MS);
        assertThat(third.sentNanos()).isGreaterThanOrEqualTo(250 * MS);
        assertThat(third.latencyNanos()).isGreaterThanOrEqualTo(60 * MS);
    }

    @Test
    void aStepTheCheckRejectsIsTheLastOneSentAndItsInFlightRequestsCountTheirTimeSoFar() throws Exception {
        List<Step> steps = ArrivalSchedule.steps(0, List.of(10.0, 20.0, 40.0), 1, 0);
        List<List<Long>> seen = new ArrayList<>();
        OpenLoop.Sender neverInStepOne = (step, i) -> step.index() == 1 && i == 0
                ? new CompletableFuture<>()
                : fiveMillis.send(step, i);

        List<Arrival> arrivals = new OpenLoop(clock, neverInStepOne, 100).run(steps, (step, soFar, errors) -> {
            seen.add(soFar);
            return step.index() == 0;
        }, 0);

        // step 0 (10 requests) and step 1 (20) were sent, step 2 not; step 1's first request never answered
        assertThat(arrivals).hasSize(10 + 19);
        assertThat(arrivals).noneMatch(a -> a.step() == 2);
        // at the end of step 1 (its last due at 1,950 ms, answered 5 ms later) its first, due at 1,000 ms, was 955 ms out
        assertThat(seen.get(1).get(0)).isEqualTo(955 * MS);
    }
}
