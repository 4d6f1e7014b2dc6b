package org.rushreg.loadtest.rush;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.rushreg.loadtest.Options;
import org.rushreg.loadtest.baseline.BaselineProcess;
import org.rushreg.loadtest.baseline.Baselines;
import org.rushreg.loadtest.baseline.WrkCeiling;
import org.rushreg.loadtest.chart.RushChart;
import org.rushreg.loadtest.cpu.CpuMeter;

/**
 * {@code rush}: the baselines first (HTTP ceiling, lock-based peer), then the opening rush against the running
 * stack, then the report and the chart.
 */
public final class RushCommand {

    private RushCommand() {
    }

    public static Options options() {
        return new Options()
                .flag("seats", "2000", "seats of the event")
                .flag("registrants", "20000", "distinct people registering")
                .flag("concurrency", "64", "clients sending at once (each sends its next request when answered)")
                .flag("rate", "0", "requests per second to pace at; 0 = as fast as the clients can")
                .flag("base-url", "http://localhost:8080", "the registration-service")
                .flag("inbox-url", "http://localhost:8025", "the local stack's inbox")
                .flag("event", "rush", "event id (seeded by the seed command, unused)")
                .flag("session", "main", "session id")
                .flag("repeat-share", "0.05", "share of people who repeat their request with the same Idempotency-Key")
                .flag("double-share", "0.02", "share of people who submit twice (a second registration, same email)")
                .flag("sample-every", "20", "watch the decision of every n-th registration during the rush")
                .flag("warmup", "2000", "requests sent to each target before it is measured")
                .flag("data-dir", "data", "the local stack's data folder (pid files, for the heap sampling)")
                .flag("postgres-url", "jdbc:postgresql://localhost:5432/", "PostgreSQL for the lock-based peer")
                .flag("registration-db-url", "jdbc:postgresql://localhost:5432/registration",
                        "the registration-service's read model, for the system's own timestamps (empty: not read)")
                .flag("wrk", "false", "also measure the HTTP ceiling with wrk (apt-get install -y wrk), to check it is not the Java client's")
                .flag("wrk-script", "load-test/wrk/ceiling.lua", "wrk's script for the ceiling's POST")
                .flag("baselines", "true", "run the HTTP ceiling and the lock-based peer first")
                .flag("mail-timeout", "900", "seconds to wait for the last email")
                .flag("retry-for", "300", "seconds a client keeps retrying a 503/429/refused request")
                .flag("out", "", "folder for report.md and rush.png (default load-test/target/rush-<time>)");
    }

    /** The --out folder, or load-test/target/{@code kind}-&lt;UTC time&gt;; created. */
    public static Path outFolder(Options o, String kind) throws java.io.IOException {
        Path out = o.string("out").isEmpty()
                ? Path.of("load-test", "target", kind + "-"
                        + LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))
                : o.path("out");
        return Files.createDirectories(out);
    }

    public static boolean run(String... args) throws Exception {
        Options o = options().parse(args);
        Path out = outFolder(o, "rush");
        HttpClient http = client(o.integer("concurrency"));
        int registrants = o.integer("registrants");
        int seats = o.integer("seats");
        int warmup = o.integer("warmup");
        RushRun.Plan plan = new RushRun.Plan(o.uri("base-url"), o.uri("inbox-url"), o.string("event"), o.string("session"),
                seats, registrants, o.integer("concurrency"), o.decimal("rate"), o.decimal("repeat-share"),
                o.decimal("double-share"), o.integer("sample-every"), o.path("data-dir"), o.seconds("mail-timeout"),
                o.seconds("retry-for"), o.string("registration-db-url"));
        CpuMeter cpu = cpuMeter(plan.dataDir(), o.string("registration-db-url").isBlank() ? o.string("postgres-url")
                : o.string("registration-db-url"));
        // fail before the baselines if the stack is not ready for the rush
        new Stack(http, plan.baseUrl()).checkFresh(plan.eventId(), plan.sessionId(), seats);

        Baselines.CeilingResult ceiling = null;
        Baselines.LockResult lock = null;
        WrkCeiling.Result wrk = null;
        if (o.bool("baselines")) {
            String jdbc = Baselines.lockPeerDatabase(o.string("postgres-url"));
            try (BaselineProcess server = BaselineProcess.start(freePort(), jdbc, Baselines.log(out))) {
                Baselines baselines = new Baselines(http, plan.concurrency(), plan.repeatShare(), plan.doubleShare(),
                        cpu == null ? null : cpu.withBaseline(server.pid()));
                ceiling = baselines.ceiling(server.base(), registrants, warmup);
                if (o.bool("wrk")) {
                    wrk = WrkCeiling.run(server.base(), o.path("wrk-script"), plan.concurrency(),
                            Math.max(10, (int) Math.ceil(ceiling.intake().seconds())));
                    System.out.println("  wrk against the same endpoint: " + wrk.summary());
                }
                lock = baselines.lockPeer(server.base(), seats, registrants, warmup);
            }
        }

        RushRun run = new RushRun(plan, http, cpu);
        run.warmUp("warmup", warmup);
        RushRun.Result result = run.run();

        String report = Report.markdown("rush" + o.given(), result, ceiling, lock, wrk);
        Files.writeString(out.resolve("report.md"), report);
        RushChart.write(String.format("Opening rush: %,d people, %,d seats, %d clients", registrants, seats, plan.concurrency()),
                result.timeline(), out.resolve("rush.png"));
        System.out.println();
        System.out.println(report);
        System.out.println("Written: " + out.resolve("report.md") + ", " + out.resolve("rush.png"));
        return result.ok();
    }

    /** HTTP/1.1 as browsers and most API clients speak it to an origin; no h2c upgrade dance on every request. */
    public static HttpClient client(int concurrency) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Reads the CPU of the stack's processes, or null (with a word why) where /proc cannot be read. */
    public static CpuMeter cpuMeter(Path dataDir, String postgresUrl) {
        try {
            return CpuMeter.forStack(dataDir, postgresUrl);
        } catch (RuntimeException e) {
            System.out.println("No CPU figures: " + e.getMessage());
            return null;
        }
    }

    public static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
