package org.rushreg.loadtest.rush;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.rushreg.loadtest.cpu.CpuMeter;
import org.rushreg.loadtest.cpu.CpuUse;
import org.rushreg.loadtest.cpu.ProcSnapshot;
import org.rushreg.loadtest.readmodel.ReadModel;
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
                       Path dataDir, Duration mailTimeout, Duration retryFor, String registrationDbUrl) {
    }

    /**
     * What a run measured and found.
     *
     * @param lastDecisionSeconds first request → last decision seen by the status-API sweep (after the emails, so
     *                            only a fallback when the read model could not be read)
     * @param system              the figures from the system's own timestamps, null if the read model was not read
     * @param systemProblem       why it was not, or null
     * @param cpu                 CPU by process group from the first request until every decision and email was in,
     *                            null if /proc could not be read
     */
    public record Result(Plan plan, Instant startedAt, Intake.Result intake, Latencies decisionLatency,
                         double lastDecisionSeconds, double lastEmailSeconds, double emailsAfterIntakeSeconds,
                         int decided, Map<String, Double> peakHeapMiB, List<String> heapProblems,
                         List<OutcomeCheck.Check> checks, List<Timeline.Second> timeline, SystemTimes system,
                         String systemProblem, CpuUse cpu) {

        public boolean ok() {
            return OutcomeCheck.allOk(checks);
        }

        /**
         * Registrations decided per second, from the first request to the last decision the system made (the read
         * model's {@code decided_at}), or, without the read model, to the last decision the sweep saw.
         */
        public double decisionsPerSecond() {
            return system != null && system.decided() > 0 ? system.decisionsPerSecond(startedAt) : decided / lastDecisionSeconds;
        }
    }

    private final Plan plan;
    private final HttpClient http;
    private final CpuMeter cpu;

    /** @param cpu reads the CPU of the run's processes; null measures none */
    public RushRun(Plan plan, HttpClient http, CpuMeter cpu) {
        this.plan = plan;
        this.http = http;
        this.cpu = cpu;
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
            ProcSnapshot cpuStart = cpu == null ? null : cpu.snapshot();
            atFirstRequest.run();
            intake = clients.run(registrants, start);
            System.out.printf("  intake done in %.1f s: %,d accepted (%,.0f/s), statuses %s%n", intake.seconds(),
                    intake.accepted(), intake.acceptedPerSecond(), intake.statuses());

            Latencies decisionLatency = Latencies.ofNanos(decisions.sampleLatencies(Duration.ofMinutes(10)));
            decisions.close();
            List<String> ids = new ArrayList<>(intake.primaryIds().values());
            ids.addAll(intake.secondIds().values());

            // The CPU window ends when the system has done all its work: every decision in the read model and
            // every email in the inbox. The tool's own sweep of status reads comes after it, so that its reads are
            // not charged to the registration-service.
            ReadModel readModel = plan.registrationDbUrl().isBlank() ? null : new ReadModel(plan.registrationDbUrl());
            String systemProblem = readModel == null ? "no --registration-db-url" : null;
            try {
                if (readModel != null && !readModel.awaitDecided(plan.eventId(), ids.size(), Duration.ofMinutes(10))) {
                    systemProblem = "not every registration decided in the read model within 10 minutes";
                }
            } catch (SQLException e) {
                systemProblem = unreadable(e);
                readModel = null;
            }
            Map<String, Integer> expected = OutcomeCheck.expectedEmails(registrants, intake.primaryIds(), intake.secondIds());
            MailWatch mail = new MailWatch(http, plan.inboxUrl());
            mail.await(expected, plan.mailTimeout(), Duration.ZERO);
            CpuUse cpuUse = cpuStart == null ? null : cpu.since(cpuStart);
            long allInNanos = System.nanoTime();

            Map<String, Decision> states = decisions.awaitAll(ids, Duration.ofMinutes(10), 16);
            long lastSeen = states.values().stream().filter(d -> !d.pending()).mapToLong(Decision::seenNanos).max().orElse(start);
            int decided = (int) states.values().stream().filter(d -> !d.pending()).count();
            System.out.printf("  %,d of %,d registrations decided on the status API%n", decided, ids.size());

            Stack.Session session = stack.session(plan.eventId(), plan.sessionId());
            // keep watching a while after everything arrived, so that a late extra email or repeat is still caught
            long settle = Duration.ofSeconds(10).toNanos() - (System.nanoTime() - allInNanos);
            if (settle > 0) {
                Thread.sleep(settle / 1_000_000);
            }
            List<MailWatch.Delivery> deliveries = mail.deliveries(expected.keySet());
            Instant lastEmail = deliveries.stream().map(MailWatch.Delivery::receivedAt).max(Instant::compareTo).orElse(startedAt);
            deliveries.forEach(d -> timeline.emailed(Duration.between(startedAt, d.receivedAt()).toNanos() / 1e6));
            double lastEmailSeconds = Duration.between(startedAt, lastEmail).toMillis() / 1000.0;
            double intakeEnd = (intake.endNanos() - start) / 1e9;
            Map<String, MailWatch.Received> received = MailWatch.countByAddress(deliveries);
            System.out.printf("  %,d emails (%,d distinct), the last %.1f s after the first request%n", deliveries.size(),
                    received.values().stream().mapToInt(MailWatch.Received::distinct).sum(), lastEmailSeconds);

            SystemTimes system = null;
            if (readModel != null) {
                try {
                    system = systemTimes(readModel, registrants, intake, ids, deliveries);
                    System.out.printf("  read model: %,d decided, the last %.1f s after the first request; decision %s; visible %s%n",
                            system.decided(), system.lastDecisionSeconds(startedAt), system.decisionLatency().summary(),
                            system.visibleLatency().summary());
                } catch (SQLException e) {
                    systemProblem = unreadable(e);
                }
            }

            counters.shutdownNow();
            heap.close();
            // the event counters are fed by a compacted, coalesced topic: give them a moment to settle
            Stack.Session finalSession = settledCounters(stack, session);
            List<OutcomeCheck.Check> checks = OutcomeCheck.check(registrants, plan.seats(), intake.primaryIds(),
                    intake.repeatIds(), intake.secondIds(), states,
                    finalSession == null ? null : new OutcomeCheck.Counters(finalSession.confirmed(), finalSession.waitlisted()),
                    received);
            return new Result(plan, startedAt, intake, decisionLatency, (lastSeen - start) / 1e9, lastEmailSeconds,
                    lastEmailSeconds - intakeEnd, decided, heap.peakMiB(), heap.problems(), checks, timeline.seconds(),
                    system, systemProblem, cpuUse);
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

    private String unreadable(SQLException e) {
        return "read model not readable at " + plan.registrationDbUrl() + ": " + e.getMessage();
    }

    private SystemTimes systemTimes(ReadModel readModel, List<Registrant> registrants, Intake.Result intake,
                                    List<String> ids, List<MailWatch.Delivery> deliveries) throws SQLException {
        Map<String, String> firstIdByEmail = new HashMap<>();
        for (Registrant r : registrants) {
            String id = intake.primaryIds().get(r.index());
            if (id != null) {
                firstIdByEmail.put(r.email().toLowerCase(), id);
            }
        }
        return SystemTimes.of(readModel.registrations(plan.eventId()), ids, firstIdByEmail, deliveries);
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
