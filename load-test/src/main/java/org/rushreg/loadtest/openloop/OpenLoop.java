package org.rushreg.loadtest.openloop;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends requests at fixed rates in steps, whatever the answers do: an open loop, as people arrive at a web form
 * without waiting for each other. Each request is sent at its due time (or as soon after as the tool manages) and
 * timed from that due time ({@link Arrival}). At most {@code maxInFlight} requests are out at once, so that an
 * overwhelmed target cannot make the tool open connections without end; a request held back by that limit is late
 * and its lateness counts in its latency.
 */
public final class OpenLoop {

    /** Sends request {@code index} of {@code step}; the future completes with its answer (status 0 if none). */
    public interface Sender {
        CompletableFuture<Answer> send(Step step, int index);
    }

    /**
     * Asked at the end of each step's arrivals whether to go on to the next, with the step's latencies so far: the
     * answered ones, and for each still in flight its time since it was due (a lower bound of its latency).
     */
    public interface StepCheck {
        boolean keepGoing(Step step, List<Long> latencyNanosSoFar, int errorsSoFar);
    }

    private final Clock clock;
    private final Sender sender;
    private final Semaphore inFlight;

    public OpenLoop(Clock clock, Sender sender, int maxInFlight) {
        this.clock = clock;
        this.sender = sender;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** Runs the steps in order until one's check says stop; waits up to {@code drain} ms for the answers in flight. */
    public List<Arrival> run(List<Step> steps, StepCheck check, long drainMillis) throws InterruptedException {
        List<Map<Integer, Arrival>> answered = new ArrayList<>();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (Step step : steps) {
            Map<Integer, Arrival> ofStep = new ConcurrentHashMap<>();
            answered.add(ofStep);
            for (int i = 0; i < step.requests(); i++) {
                long due = step.due(i);
                clock.sleepUntil(due);
                inFlight.acquire();
                long sent = clock.nanoTime();
                CompletableFuture<Answer> answer;
                try {
                    answer = sender.send(step, i);
                } catch (RuntimeException e) {
                    answer = CompletableFuture.completedFuture(new Answer(0, null));
                }
                int index = i;
                pending.add(answer.handle((a, failure) -> {
                    ofStep.put(index, new Arrival(step.index(), index, due, sent, clock.nanoTime(),
                            a == null ? new Answer(0, null) : a));
                    inFlight.release();
                    return null;
                }));
            }
            if (!step.warmUp() && !check.keepGoing(step, latenciesSoFar(step, ofStep), errors(ofStep))) {
                break;
            }
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(drainMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // what did not answer in time is left out; the report's counts show it
        }
        List<Arrival> all = new ArrayList<>();
        answered.forEach(m -> all.addAll(m.values()));
        all.sort(Comparator.comparingLong(Arrival::dueNanos));
        return all;
    }

    private List<Long> latenciesSoFar(Step step, Map<Integer, Arrival> ofStep) {
        long now = clock.nanoTime();
        List<Long> latencies = new ArrayList<>(step.requests());
        for (int i = 0; i < step.requests(); i++) {
            Arrival a = ofStep.get(i);
            latencies.add(a != null ? a.latencyNanos() : now - step.due(i));
        }
        return latencies;
    }

    private static int errors(Map<Integer, Arrival> ofStep) {
        return (int) ofStep.values().stream().filter(a -> !a.answer().accepted()).count();
    }
}
