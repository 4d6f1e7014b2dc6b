package org.rushreg.loadtest.rush;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.rushreg.loadtest.stats.Latencies;
import org.rushreg.loadtest.stats.Timeline;

/**
 * One opening rush against the running stack, from the first request to the last email, and the checks of its
 * outcome. Used as it is by {@code rush}, and by {@code chaos} with faults injected while it runs.
 */
public final class RushRun {

    /** What a run is told. */
    public record Plan(URI baseUrl, URI inboxUrl, String eventId, String sessionId, int seats, int registrants,
                       int concurrency, double rate, double repeatShare, double doubleShare, int sampleEvery,
                       Path dataDir, Duration mailTimeout, Duration retryFor) {
    }

    /** What a run measured and found. */
    public record Result(Plan plan, Instant startedAt, Intake.Result intake, Latencies decisionLatency,
                         double lastDecisionSeconds, double lastEmailSeconds, double emailsAfterIntakeSeconds,
                         int decided, Map<String, Double> peakHeapMiB, List<String> heapProblems,
                         List<OutcomeCheck.Check> checks, List<Timeline.Second> timeline) {

        public boolean ok() {
            return OutcomeCheck.allOk(checks);
        }

        /** Registrations decided per second, from the first request to the last decision seen. */
        public double decisionsPerSecond() {
            return decided / lastDecisionSeconds;
        }
    }

    private final Plan plan;
    private final HttpClient http;

    public RushRun(Plan plan, HttpClient http) {
        this.plan = plan;
        this.http = http;
    }

    public Result run() throws IOException, InterruptedException {
        return run(() -> { });
    }

    /** @param atFirstRequest run just before the first request is sent (the chaos run starts its fault script) */
    public Result run(Runnable atFirstRequest) throws IOException, InterruptedException {
        Stack stack = new Stack(http, plan.baseUrl());
        stack.checkFresh(plan.eventId(), plan.sessionId(), plan.seats());
        String runId = Long.toString(System.currentTimeMillis(), 36);
        List<Registrant> registrants = Registrant.plan(runId, plan.registrants(), plan.repeatShare(), plan.doubleShare());
        Timeline timeline = new Timeline();

        HeapWatch heap = new HeapWatch(plan.dataDir(), List.of("registration-service", "capacity-service", "notification-service"));
        DecisionWatch decisions = new DecisionWatch(http, plan.baseUrl(), plan.sessionId(), plan.sampleEvery());
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        ScheduledExecutorService counters = Executors.newSingleThreadScheduledExecutor();
        int[] lastDecided = {0};
        // decisions over time, from the event's own counters (two reads a second cost nothing)
        counters.scheduleAtFixedRate(() -> {
            Stack.Session s = stack.session(plan.eventId(), plan.sessionId());
            if (s != null && s.decided() > lastDecided[0]) {
                for (int i = lastDecided[0]; i < s.decided(); i++) {
                    timeline.decided((System.nanoTime() - start) / 1e6);
                }
                lastDecided[0] = s.decided();
            }
        }, 0, 500, TimeUnit.MILLISECONDS);

        Intake.Result intake;
        try {
            Intake clients = new Intake(http, plan.baseUrl().resolve("/api/events/" + plan.eventId() + "/registrations"),
                    plan.sessionId(), plan.concurrency(), plan.rate(), plan.retryFor(), timeline, decisions::accepted);
            System.out.printf("Rush: %,d registrants for %,d seats of %s/%s, %d clients%s%n", plan.registrants(),
                    plan.seats(), plan.eventId(), plan.sessionId(), plan.concurrency(),
                    plan.rate() > 0 ? String.format(", paced at %.0f/s", plan.rate()) : ", as fast as they can");
            atFirstRequest.run();
            intake = clients.run(registrants, start);
            System.out.printf("  intake done in %.1f s: %,d accepted (%,.0f/s), statuses %s%n", intake.seconds(),
                    intake.accepted(), intake.acceptedPerSecond(), intake.statuses());

            Latencies decisionLatency = Latencies.ofNanos(decisions.sampleLatencies(Duration.ofMinutes(10)));
            decisions.close();
            List<String> ids = new ArrayList<>(intake.primaryIds().values());
            ids.addAll(intake.secondIds().values());
            Map<String, Decision> states = decisions.awaitAll(ids, Duration.ofMinutes(10), 16);
            long lastSeen = states.values().stream().filter(d -> !d.pending()).mapToLong(Decision::seenNanos).max().orElse(start);
            int decided = (int) states.values().stream().filter(d -> !d.pending()).count();
            System.out.printf("  %,d of %,d registrations decided, the last seen %.1f s after the first request%n",
                    decided, ids.size(), (lastSeen - start) / 1e9);

            Stack.Session session = stack.session(plan.eventId(), plan.sessionId());
            Map<String, Integer> expected = OutcomeCheck.expectedEmails(registrants, intake.primaryIds(), intake.secondIds());
            MailWatch mail = new MailWatch(http, plan.inboxUrl());
            List<MailWatch.Delivery> deliveries = mail.await(expected, plan.mailTimeout(), Duration.ofSeconds(10));
            Instant lastEmail = deliveries.stream().map(MailWatch.Delivery::receivedAt).max(Instant::compareTo).orElse(startedAt);
            deliveries.forEach(d -> timeline.emailed(Duration.between(startedAt, d.receivedAt()).toNanos() / 1e6));
            double lastEmailSeconds = Duration.between(startedAt, lastEmail).toMillis() / 1000.0;
            double intakeEnd = (intake.endNanos() - start) / 1e9;
            Map<String, MailWatch.Received> received = MailWatch.countByAddress(deliveries);
            System.out.printf("  %,d emails (%,d distinct), the last %.1f s after the first request%n", deliveries.size(),
                    received.values().stream().mapToInt(MailWatch.Received::distinct).sum(), lastEmailSeconds);

            counters.shutdownNow();
            heap.close();
            // the event counters are fed by a compacted, coalesced topic: give them a moment to settle
            Stack.Session finalSession = settledCounters(stack, session);
            List<OutcomeCheck.Check> checks = OutcomeCheck.check(registrants, plan.seats(), intake.primaryIds(),
                    intake.repeatIds(), intake.secondIds(), states,
                    finalSession == null ? null : new OutcomeCheck.Counters(finalSession.confirmed(), finalSession.waitlisted()),
                    received);
            return new Result(plan, startedAt, intake, decisionLatency, (lastSeen - start) / 1e9, lastEmailSeconds,
                    lastEmailSeconds - intakeEnd, decided, heap.peakMiB(), heap.problems(), checks, timeline.seconds());
        } finally {
            counters.shutdownNow();
            decisions.close();
            heap.close();
        }
    }

    /**
     * Sends {@code people} registrations to the seeded {@code warmup} event and waits until they are decided and
     * emailed, so that the measured rush meets warm JITs and connection pools, not a start-up, and nothing of the
     * warm-up is still being worked on when it begins.
     */
    public void warmUp(String eventId, int people) throws IOException, InterruptedException {
        if (people <= 0) {
            return;
        }
        Stack stack = new Stack(http, plan.baseUrl());
        Stack.Session before = stack.session(eventId, plan.sessionId());
        if (before == null) {
            throw new IllegalStateException("No warm-up event " + eventId + " with session " + plan.sessionId()
                    + "; the seed command writes it (or pass --warmup 0)");
        }
        System.out.printf("Warm-up: %,d registrations for %s%n", people, eventId);
        List<Registrant> registrants = Registrant.plan("w" + Long.toString(System.currentTimeMillis(), 36), people, 0, 0);
        Intake.Result warm = new Intake(http, plan.baseUrl().resolve("/api/events/" + eventId + "/registrations"),
                plan.sessionId(), plan.concurrency(), 0, plan.retryFor(), new Timeline(), (r, id, sent) -> { })
                .run(registrants, System.nanoTime());
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            Stack.Session now = stack.session(eventId, plan.sessionId());
            if (now != null && now.decided() - before.decided() >= warm.primaryIds().size()) {
                break;
            }
            Thread.sleep(500);
        }
        new MailWatch(http, plan.inboxUrl()).await(
                OutcomeCheck.expectedEmails(registrants, warm.primaryIds(), warm.secondIds()), Duration.ofMinutes(10),
                Duration.ofSeconds(2));
        System.out.printf("  warm-up decided and emailed (%,.0f accepted/s)%n", warm.acceptedPerSecond());
    }

    private Stack.Session settledCounters(Stack stack, Stack.Session session) throws InterruptedException {
        Stack.Session last = session;
        for (int i = 0; i < 20; i++) {
            Thread.sleep(500);
            Stack.Session now = stack.session(plan.eventId(), plan.sessionId());
            if (now != null && last != null && now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }
}
