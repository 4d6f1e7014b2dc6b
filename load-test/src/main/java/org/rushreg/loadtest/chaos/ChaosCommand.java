package org.rushreg.loadtest.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.rushreg.loadtest.Options;
import org.rushreg.loadtest.chart.RushChart;
import org.rushreg.loadtest.cpu.CpuMeter;
import org.rushreg.loadtest.rush.Report;
import org.rushreg.loadtest.rush.RushCommand;
import org.rushreg.loadtest.rush.RushRun;

/**
 * {@code chaos}: a paced rush, long enough for a script of faults to happen in the middle of it — the
 * capacity-service, the registration-service and the notification-service killed with SIGKILL (the local stack
 * starts them again), the SMTP server stopped for a while, the broker restarted — and then the same outcome checks
 * as the rush. Against a stack of several instances ({@code --instances 2}) the kills hit the second instance of
 * each service while the first goes on serving.
 */
public final class ChaosCommand {

    private ChaosCommand() {
    }

    public static Options options() {
        return new Options()
                .flag("seats", "2000", "seats of the event")
                .flag("registrants", "12000", "distinct people registering")
                .flag("rate", "100", "requests per second (paced, so that the rush outlasts the faults)")
                .flag("concurrency", "64", "clients sending at once")
                .flag("base-url", "http://localhost:8080", "the registration-service")
                .flag("inbox-url", "http://localhost:8025", "the local stack's inbox, with its /control endpoints")
                .flag("event", "chaos", "event id (seeded by the seed command, unused)")
                .flag("data-dir", "data", "the local stack's data folder (pid files of the services)")
                .flag("capacity-url", "http://localhost:8081", "capacity-service (its /readyz tells when it is back)")
                .flag("notification-url", "http://localhost:8082", "notification-service (its /readyz tells when it is back)")
                .flag("instances", "1", "instances of each service the local stack runs (--instances); with more, the kills hit the second")
                .flag("kill-capacity-at", "15", "seconds into the rush to kill -9 the capacity-service (negative: never)")
                .flag("kill-registration-at", "28", "seconds into the rush to kill -9 the registration-service (negative: never)")
                .flag("kill-notification-at", "40", "seconds into the rush to kill -9 the notification-service")
                .flag("smtp-down-at", "55", "seconds into the rush to stop the SMTP server")
                .flag("smtp-down-for", "60", "seconds the SMTP server stays down")
                .flag("broker-restart-at", "85", "seconds into the rush to restart the Kafka broker")
                .flag("registration-db-url", "jdbc:postgresql://localhost:5432/registration",
                        "the registration-service's read model, for the system's own timestamps (empty: not read)")
                .flag("mail-timeout", "900", "seconds to wait for the last email")
                .flag("retry-for", "600", "seconds a client keeps retrying a 503/429/refused request")
                .flag("out", "", "folder for report.md and chaos.png (default load-test/target/chaos-<time>)");
    }

    public static boolean run(String... args) throws Exception {
        Options o = options().parse(args);
        Path out = RushCommand.outFolder(o, "chaos");
        HttpClient http = RushCommand.client(o.integer("concurrency"));
        RushRun.Plan plan = new RushRun.Plan(o.uri("base-url"), o.uri("inbox-url"), o.string("event"), "main",
                o.integer("seats"), o.integer("registrants"), o.integer("concurrency"), o.decimal("rate"), 0.05, 0.02, 20,
                o.path("data-dir"), o.seconds("mail-timeout"), o.seconds("retry-for"), o.string("registration-db-url"));
        Path dataDir = o.path("data-dir");
        URI inbox = o.uri("inbox-url");

        int instances = o.integer("instances");
        List<Fault> faults = Collections.synchronizedList(new ArrayList<>());
        // a thread per fault: a kill waits for the service to come back, which must not delay the next fault
        ScheduledExecutorService script = Executors.newScheduledThreadPool(5);
        int smtpAt = o.integer("smtp-down-at");
        Runnable faultScript = () -> {
            long start = System.nanoTime();
            schedule(script, o.integer("kill-capacity-at"), () -> faults.add(
                    kill(http, dataDir, target("capacity-service", o.uri("capacity-url"), instances, dataDir), start)));
            schedule(script, o.integer("kill-registration-at"), () -> faults.add(
                    kill(http, dataDir, target("registration-service", o.uri("base-url"), instances, dataDir), start)));
            schedule(script, o.integer("kill-notification-at"), () -> faults.add(
                    kill(http, dataDir, target("notification-service", o.uri("notification-url"), instances, dataDir), start)));
            schedule(script, smtpAt, () -> faults.add(control(http, inbox, "/control/smtp/stop",
                    "SMTP server stopped", start)));
            if (smtpAt >= 0) {
                schedule(script, smtpAt + o.integer("smtp-down-for"), () -> faults.add(control(http, inbox,
                        "/control/smtp/start", "SMTP server started again", start)));
            }
            schedule(script, o.integer("broker-restart-at"), () -> faults.add(control(http, inbox, "/control/kafka/restart",
                    "Kafka broker stopped and started again (the call returns when it is back)", start)));
        };

        RushRun.Result result;
        try {
            // the services killed and started again are new processes: the killed ones' CPU after the first
            // snapshot is lost (the report says how many processes ended)
            CpuMeter cpu = RushCommand.cpuMeter(dataDir, plan.registrationDbUrl().isBlank()
                    ? "jdbc:postgresql://localhost:5432/" : plan.registrationDbUrl());
            result = new RushRun(plan, http, cpu).run(faultScript);
        } finally {
            script.shutdown();
            script.awaitTermination(10, TimeUnit.MINUTES);
        }
        StringBuilder md = new StringBuilder();
        md.append("Faults (seconds after the first request; the rush itself ran for ")
                .append(String.format("%.0f s", result.intake().seconds())).append("):\n\n| at | what | back after |\n|---|---|---|\n");
        faults.stream().sorted((a, b) -> Double.compare(a.atSeconds(), b.atSeconds())).forEach(f -> md.append(String.format(
                "| %.1f s | %s | %s |%n", f.atSeconds(), f.what(), Double.isNaN(f.recoveredAfter()) ? "" : String.format("%.1f s", f.recoveredAfter()))));
        md.append('\n').append(Report.markdown("chaos" + o.given(), result, null, null, null));
        Files.writeString(out.resolve("report.md"), md.toString());
        RushChart.write(String.format("Chaos run: %,d people at %.0f/s, %,d seats", plan.registrants(), plan.rate(), plan.seats()),
                result.timeline(), out.resolve("chaos.png"));
        System.out.println();
        System.out.println(md);
        System.out.println("Written: " + out.resolve("report.md") + ", " + out.resolve("chaos.png"));
        return result.ok();
    }

    private static void schedule(ScheduledExecutorService script, int atSeconds, Runnable fault) {
        if (atSeconds >= 0) {
            script.schedule(() -> {
                try {
                    fault.run();
                } catch (RuntimeException e) {
                    System.err.println("Fault failed: " + e);
                }
            }, atSeconds, TimeUnit.SECONDS);
        }
    }

    /** One running copy of a service: its name in the local stack (pid file) and its public address. */
    record Target(String name, URI url) {
    }

    /**
     * The copy a kill hits: the only one, or with several the second, at the port the local stack gave it: the one
     * in its {@code <name>.port} file in the data folder, else the one its plan prefers ({@code ServiceInstance.plan}:
     * registration copies from the front's port + 10, the others' copies 200 apart), which it leaves when that port is
     * taken.
     */
    static Target target(String service, URI first, int instances, Path dataDir) {
        if (instances <= 1) {
            return new Target(service, first);
        }
        String name = service + "-2";
        int port = service.equals("registration-service") ? first.getPort() + 11 : first.getPort() + 200;
        try {
            Path portFile = dataDir.resolve(name + ".port");
            if (Files.exists(portFile)) {
                port = Integer.parseInt(Files.readString(portFile).strip());
            }
        } catch (IOException | NumberFormatException e) {
            System.err.println("Cannot read the port of " + name + " (" + e + "); trying " + port);
        }
        return new Target(name, URI.create(first.getScheme() + "://" + first.getHost() + ":" + port));
    }

    /**
     * SIGKILL to the service's process (from the local stack's pid file), then waits until it is ready again: its
     * /readyz, the readiness probe on the service's own port (the rest of its health is on the management port).
     */
    static Fault kill(HttpClient http, Path dataDir, Target target, long start) {
        String service = target.name();
        URI health = target.url();
        double at = (System.nanoTime() - start) / 1e9;
        try {
            long pid = Long.parseLong(Files.readString(dataDir.resolve(service + ".pid")).trim());
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(service + " pid " + pid + " is not running"));
            process.destroyForcibly();
            process.onExit().get(30, TimeUnit.SECONDS);
            System.out.printf("  [%.1f s] %s (pid %d) killed with SIGKILL%n", at, service, pid);
            long killed = System.nanoTime();
            long deadline = killed + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < deadline) {
                Thread.sleep(500);
                if (up(http, health.resolve("/readyz"))) {
                    double back = (System.nanoTime() - killed) / 1e9;
                    System.out.printf("  %s is UP again after %.1f s%n", service, back);
                    return new Fault(at, service + " killed with SIGKILL (pid " + pid + "), restarted by the local stack", back);
                }
            }
            return new Fault(at, service + " killed with SIGKILL (pid " + pid + "), NOT back within 5 min", Double.NaN);
        } catch (Exception e) {
            return new Fault(at, service + ": could not be killed: " + e, Double.NaN);
        }
    }

    /** A POST to the local stack's control surface (loopback only): the call returns when the change is done. */
    static Fault control(HttpClient http, URI inbox, String path, String what, long start) {
        double at = (System.nanoTime() - start) / 1e9;
        long began = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(inbox.resolve(path)).POST(HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofMinutes(3)).build(), HttpResponse.BodyHandlers.ofString());
            double took = (System.nanoTime() - began) / 1e9;
            System.out.printf("  [%.1f s] %s: %d %s (%.1f s)%n", at, path, r.statusCode(), r.body().trim(), took);
            return new Fault(at, r.statusCode() == 200 ? what : what + " FAILED: " + r.statusCode() + " " + r.body(),
                    path.contains("restart") ? took : Double.NaN);
        } catch (IOException e) {
            return new Fault(at, what + " FAILED: " + e, Double.NaN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Fault(at, what + " interrupted", Double.NaN);
        }
    }

    private static boolean up(HttpClient http, URI health) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
