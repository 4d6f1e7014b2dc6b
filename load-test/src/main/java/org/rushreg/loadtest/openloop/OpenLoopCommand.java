package org.rushreg.loadtest.openloop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.rushreg.loadtest.Options;
import org.rushreg.loadtest.baseline.BaselineProcess;
import org.rushreg.loadtest.baseline.Baselines;
import org.rushreg.loadtest.readmodel.ReadModel;
import org.rushreg.loadtest.readmodel.RegistrationTimes;
import org.rushreg.loadtest.rush.RushCommand;
import org.rushreg.loadtest.rush.RushRun;
import org.rushreg.loadtest.rush.Stack;
import org.rushreg.loadtest.stats.Latencies;

/**
 * {@code open-loop}: registrations arriving at fixed rates in rising steps, new people each, against the lock peer
 * and the system, each request timed from when it was due; the report names the highest rate each keeps
 * ({@link SustainableRate}).
 */
public final class OpenLoopCommand {

    private OpenLoopCommand() {
    }

    public static Options options() {
        return new Options()
                .flag("targets", "lock,system", "what to measure, in this order: lock (the lock-based peer), system")
                .flag("rates", "100,200,400,800,1600", "arrivals per second of each step, rising")
                .flag("step-seconds", "20", "length of each step")
                .flag("warmup", "2000", "registrations sent first by 64 closed-loop clients, unmeasured, as the rush warms up "
                        + "(the system: to event warmup, waiting until decided and emailed)")
                .flag("warmup-seconds", "10", "then an unreported first step at the lowest rate (0: none)")
                .flag("max-in-flight", "2000", "requests out at once at most (a request held back by it is late, and counts it)")
                .flag("stop-after-miss", "true", "stop a target after the first step that can no longer be held")
                .flag("base-url", "http://localhost:8080", "the registration-service")
                .flag("inbox-url", "http://localhost:8025", "the local stack's inbox (the warm-up waits for its emails)")
                .flag("event", "open", "event id (seeded by the seed command with a million seats)")
                .flag("session", "main", "session id")
                .flag("registration-db-url", "jdbc:postgresql://localhost:5432/registration",
                        "the registration-service's read model, for the decision times")
                .flag("postgres-url", "jdbc:postgresql://localhost:5432/", "PostgreSQL for the lock-based peer")
                .flag("drain", "600", "seconds to wait after the last step for answers and decisions")
                .flag("out", "", "folder for report.md (default load-test/target/open-loop-<time>)");
    }

    /** One target's steps, and its sustainable rate by {@link SustainableRate}. */
    public record TargetResult(String name, List<StepResult> steps, int stepsPlanned) {
    }

    public static boolean run(String... args) throws Exception {
        Options o = options().parse(args);
        Path out = RushCommand.outFolder(o, "open-loop");
        List<Double> rates = Arrays.stream(o.string("rates").split(",")).map(String::trim).map(Double::parseDouble).toList();
        List<String> targets = Arrays.stream(o.string("targets").split(",")).map(String::trim).toList();
        HttpClient http = RushCommand.client(0);
        Map<String, TargetResult> results = new LinkedHashMap<>();
        for (String target : targets) {
            switch (target) {
                case "lock" -> {
                    String jdbc = Baselines.lockPeerDatabase(o.string("postgres-url"));
                    try (BaselineProcess server = BaselineProcess.start(RushCommand.freePort(), jdbc, Baselines.log(out))) {
                        Baselines baselines = new Baselines(http, 64, 0, 0, null);
                        baselines.warmLockPeer(server.base(), o.integer("warmup"));
                        baselines.reset(server.base(), o.string("event"), 1_000_000);
                        results.put("lock peer", lockPeer(o, http, server.base(), rates));
                    }
                }
                case "system" -> results.put("system", system(o, http, rates));
                default -> throw new IllegalArgumentException("--targets takes lock and system, not " + target);
            }
        }
        String report = OpenLoopReport.markdown("open-loop" + o.given(), results);
        Files.writeString(out.resolve("report.md"), report);
        System.out.println();
        System.out.println(report);
        System.out.println("Written: " + out.resolve("report.md"));
        return true;
    }

    /** The lock peer decides in the request: its decision latency is its HTTP latency. */
    private static TargetResult lockPeer(Options o, HttpClient http, URI server, List<Double> rates) throws InterruptedException {
        System.out.printf("Lock peer, open loop: %s/s, %d s each%n", rates, o.integer("step-seconds"));
        Run run = run(o, http, server.resolve("/lock/events/" + o.string("event") + "/registrations"), rates,
                (step, soFar, errors) -> SustainableRate.stillPossible(soFar, errors));
        List<StepResult> steps = new ArrayList<>();
        for (Step step : run.steps) {
            List<Arrival> ofStep = run.of(step);
            if (!ofStep.isEmpty()) {
                steps.add(print(StepResult.of(step, ofStep, ofStep.stream().filter(a -> a.answer().accepted())
                        .map(Arrival::latencyNanos).toList())));
            }
        }
        return new TargetResult("lock peer", steps, rates.size());
    }

    /**
     * The system: decisions read from the read model after the steps, each timed from its request's due time to
     * its {@code decided_at}. At the end of a step the read model's count also says whether the decisions keep up:
     * more than a second's arrivals still undecided means its decision p99 is past a second, so the next step is
     * not run.
     */
    private static TargetResult system(Options o, HttpClient http, List<Double> rates)
            throws InterruptedException, SQLException, IOException {
        URI base = o.uri("base-url");
        String event = o.string("event");
        if (new Stack(http, base).session(event, o.string("session")) == null) {
            throw new IllegalStateException("No event " + event + " with session " + o.string("session") + " on " + base
                    + "; the seed command writes it (seed, then start the local stack with CATALOGUE_SEED)");
        }
        // the rush's own warm-up (to event warmup, until decided and emailed); of its plan it reads only the URLs,
        // the session, the clients and the retry time
        new RushRun(new RushRun.Plan(base, o.uri("inbox-url"), event, o.string("session"), 0, 0, 64, 0, 0, 0, 0,
                Path.of("data"), Duration.ofMinutes(10), Duration.ofMinutes(5), ""), http, null).warmUp("warmup", o.integer("warmup"));
        ReadModel readModel = new ReadModel(o.string("registration-db-url"));
        int decidedBefore = readModel.decided(event);
        AtomicInteger accepted = new AtomicInteger();
        System.out.printf("System, open loop: %s/s, %d s each%n", rates, o.integer("step-seconds"));
        Run run = run(o, http, base.resolve("/api/events/" + event + "/registrations"), rates, (step, soFar, errors) -> {
            if (!SustainableRate.stillPossible(soFar, errors)) {
                return false;
            }
            try {
                int behind = accepted.get() - (readModel.decided(event) - decidedBefore);
                return behind <= step.rate();
            } catch (SQLException e) {
                return true;
            }
        }, accepted);
        int acceptedAll = (int) run.arrivals.stream().filter(a -> a.answer().accepted()).count();
        if (!readModel.awaitDecided(event, decidedBefore + acceptedAll, o.seconds("drain"))) {
            System.out.println("  not every registration was decided within --drain; the rest count as undecided");
        }
        Map<String, RegistrationTimes> rows = readModel.registrations(event);
        List<StepResult> steps = new ArrayList<>();
        for (Step step : run.steps) {
            List<Arrival> ofStep = run.of(step);
            if (ofStep.isEmpty()) {
                continue;
            }
            List<Long> decisions = new ArrayList<>();
            for (Arrival a : ofStep) {
                if (a.answer().accepted()) {
                    RegistrationTimes r = rows.get(a.answer().registrationId());
                    decisions.add(r == null || !r.decided() ? null : Duration.between(run.wallTime(a.dueNanos()), r.decidedAt()).toNanos());
                }
            }
            steps.add(print(StepResult.of(step, ofStep, decisions)));
        }
        return new TargetResult("system", steps, rates.size());
    }

    private static StepResult print(StepResult s) {
        System.out.printf("  %,.0f/s offered: %,.0f/s accepted, HTTP %s, decision p99 %s, statuses %s%n", s.offeredRate(),
                s.achievedRate(), s.http().summary(), Latencies.ms(s.decision().percentile(99)),
                s.statuses());
        return s;
    }

    /** The arrivals of one target's run, with the clocks to turn a due time into wall-clock time. */
    private record Run(List<Step> steps, List<Arrival> arrivals, Instant wallStart, long nanoStart) {

        List<Arrival> of(Step step) {
            return arrivals.stream().filter(a -> a.step() == step.index()).toList();
        }

        Instant wallTime(long nanos) {
            return wallStart.plusNanos(nanos - nanoStart);
        }
    }

    private static Run run(Options o, HttpClient http, URI postUrl, List<Double> rates, OpenLoop.StepCheck check)
            throws InterruptedException {
        return run(o, http, postUrl, rates, check, new AtomicInteger());
    }

    private static Run run(Options o, HttpClient http, URI postUrl, List<Double> rates, OpenLoop.StepCheck check,
                           AtomicInteger accepted) throws InterruptedException {
        String runId = Long.toString(System.currentTimeMillis(), 36);
        HttpSender http1 = new HttpSender(http, postUrl, o.string("session"), runId);
        OpenLoop.Sender counting = (step, i) -> http1.send(step, i).thenApply(a -> {
            if (a.accepted()) {
                accepted.incrementAndGet();
            }
            return a;
        });
        boolean stopAfterMiss = o.bool("stop-after-miss");
        OpenLoop.StepCheck stepCheck = (step, soFar, errors) -> check.keepGoing(step, soFar, errors) || !stopAfterMiss;
        Instant wallStart = Instant.now();
        long nanoStart = System.nanoTime();
        // the first arrival a little ahead, so that the schedule does not begin already behind
        List<Step> steps = ArrivalSchedule.steps(nanoStart + Duration.ofMillis(100).toNanos(), rates,
                o.integer("step-seconds"), o.integer("warmup-seconds"));
        List<Arrival> arrivals = new OpenLoop(Clock.SYSTEM, counting, o.integer("max-in-flight"))
                .run(steps, stepCheck, o.seconds("drain").toMillis());
        return new Run(steps.stream().filter(s -> !s.warmUp()).toList(), arrivals, wallStart, nanoStart);
    }
}
