package org.rushreg.loadtest.baseline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.rushreg.loadtest.cpu.CpuMeter;
import org.rushreg.loadtest.cpu.CpuUse;
import org.rushreg.loadtest.cpu.ProcSnapshot;
import org.rushreg.loadtest.rush.Intake;
import org.rushreg.loadtest.rush.Registrant;
import org.rushreg.loadtest.stats.Timeline;

/**
 * Runs the same registrants, with the same clients, against the two baselines: the HTTP ceiling and the
 * lock-based peer (in a database {@code lockpeer} of its own in the local stack's PostgreSQL).
 */
public final class Baselines {

    /**
     * The lock peer's outcome: decided in the request, so its intake rate is its decision rate.
     *
     * @param cpu CPU by process group while it was measured (warm-up excluded), null if not read
     */
    public record LockResult(Intake.Result intake, long confirmed, long waitlisted, long rejected, CpuUse cpu) {
        public double decisionsPerSecond() {
            return decisions() / intake.seconds();
        }

        public long decisions() {
            return confirmed + waitlisted + rejected;
        }
    }

    /** The HTTP ceiling's outcome, and its CPU by process group while it was measured (null if not read). */
    public record CeilingResult(Intake.Result intake, CpuUse cpu) {
    }

    private final HttpClient http;
    private final int concurrency;
    private final double repeatShare;
    private final double doubleShare;
    private final CpuMeter cpu;

    /** @param cpu reads the CPU of each measured run, with the baseline server as its own group; null reads none */
    public Baselines(HttpClient http, int concurrency, double repeatShare, double doubleShare, CpuMeter cpu) {
        this.http = http;
        this.concurrency = concurrency;
        this.repeatShare = repeatShare;
        this.doubleShare = doubleShare;
        this.cpu = cpu;
    }

    /** Creates the lock peer's database in the local stack's PostgreSQL if it is not there. */
    public static String lockPeerDatabase(String postgresUrl) throws SQLException {
        String base = postgresUrl.endsWith("/") ? postgresUrl : postgresUrl + "/";
        try (Connection c = DriverManager.getConnection(base + "postgres", "postgres", "")) {
            try (var found = c.createStatement().executeQuery("select 1 from pg_database where datname = 'lockpeer'")) {
                if (!found.next()) {
                    c.createStatement().execute("create database lockpeer");
                }
            }
        }
        return base + "lockpeer";
    }

    public CeilingResult ceiling(URI server, int registrants, int warmup) throws InterruptedException {
        run(server.resolve("/ceiling/events/warmup/registrations"), "ceiling-warmup", warmup, new Timeline());
        System.out.printf("HTTP ceiling: %,d registrants, %d clients%n", registrants, concurrency);
        ProcSnapshot before = cpu == null ? null : cpu.snapshot();
        Intake.Result result = run(server.resolve("/ceiling/events/ceiling/registrations"), "ceiling", registrants, new Timeline());
        CpuUse used = before == null ? null : cpu.since(before);
        System.out.printf("  %,.0f accepted/s, latency %s, statuses %s%n", result.acceptedPerSecond(),
                result.latency().summary(), result.statuses());
        return new CeilingResult(result, used);
    }

    public LockResult lockPeer(URI server, int seats, int registrants, int warmup) throws InterruptedException, IOException {
        warmLockPeer(server, warmup);
        reset(server, "rush", seats);
        System.out.printf("Lock-based peer: %,d registrants for %,d seats, %d clients%n", registrants, seats, concurrency);
        ProcSnapshot before = cpu == null ? null : cpu.snapshot();
        Intake.Result result = run(server.resolve("/lock/events/rush/registrations"), "lock", registrants, new Timeline());
        CpuUse used = before == null ? null : cpu.since(before);
        List<String> primaries = result.answeredStatus().values().stream().toList();
        long confirmed = primaries.stream().filter("CONFIRMED"::equals).count();
        long waitlisted = primaries.stream().filter("WAITLISTED"::equals).count();
        long rejected = result.secondIds().size();
        LockResult lock = new LockResult(result, confirmed, waitlisted, rejected, used);
        System.out.printf("  %,.0f decisions/s (%,d confirmed, %,d waitlisted), latency %s, statuses %s%n",
                lock.decisionsPerSecond(), confirmed, waitlisted, result.latency().summary(), result.statuses());
        return lock;
    }

    /** Sends {@code warmup} registrations to the lock peer's event {@code warmup}, unmeasured: its JIT warm. */
    public void warmLockPeer(URI server, int warmup) throws InterruptedException, IOException {
        reset(server, "warmup", Math.max(1, warmup));
        run(server.resolve("/lock/events/warmup/registrations"), "lock-warmup", warmup, new Timeline());
    }

    /** Gives the lock peer's event {@code seats} seats and no registrations (creating its tables if needed). */
    public void reset(URI server, String event, int seats) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.resolve("/lock/events/" + event + "?seats=" + seats))
                .PUT(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("the lock peer could not set up event " + event + ": " + r.statusCode() + " " + r.body());
        }
    }

    private Intake.Result run(URI url, String runId, int registrants, Timeline timeline) throws InterruptedException {
        List<Registrant> plan = Registrant.plan(runId + Long.toString(System.nanoTime(), 36), registrants, repeatShare, doubleShare);
        return new Intake(http, url, "main", concurrency, 0, Duration.ZERO, timeline, (r, id, sent) -> { })
                .run(plan, System.nanoTime());
    }

    public static Path log(Path out) {
        return out.resolve("baseline-server.log");
    }
}
