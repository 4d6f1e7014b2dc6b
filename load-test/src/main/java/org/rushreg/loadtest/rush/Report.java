package org.rushreg.loadtest.rush;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.rushreg.loadtest.baseline.Baselines;
import org.rushreg.loadtest.baseline.WrkCeiling;
import org.rushreg.loadtest.cpu.CpuTable;
import org.rushreg.loadtest.stats.Latencies;

/** The run written up: figures against the targets of the opening-rush issue, the baselines, the checks. */
public final class Report {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Report() {
    }

    public static String markdown(String command, RushRun.Result rush, Baselines.CeilingResult ceilingRun,
                                  Baselines.LockResult lock, WrkCeiling.Result wrk) {
        StringBuilder md = new StringBuilder();
        Intake.Result in = rush.intake();
        Intake.Result ceiling = ceilingRun == null ? null : ceilingRun.intake();
        SystemTimes system = rush.system();
        md.append("Run of ").append(TIME.format(rush.startedAt())).append(": **").append(rush.ok() ? "all checks passed" : "CHECKS FAILED")
                .append("**\n\n");
        md.append("Machine: ").append(machine()).append("\n\n");
        md.append("Command: `java -jar load-test/target/load-test.jar ").append(command.trim()).append("`\n\n");
        md.append("| measure | figure | target | |\n|---|---|---|---|\n");
        if (ceiling != null) {
            double ratio = in.acceptedPerSecond() / ceiling.acceptedPerSecond();
            row(md, "intake, accepted requests/s", String.format("%,.0f/s = **%.0f%%** of the HTTP ceiling's %,.0f/s",
                    in.acceptedPerSecond(), 100 * ratio, ceiling.acceptedPerSecond()), "≥ 35% of the ceiling", ratio >= 0.35);
        } else {
            row(md, "intake, accepted requests/s", String.format("%,.0f/s", in.acceptedPerSecond()), "≥ 35% of the ceiling", null);
        }
        row(md, "HTTP latency, " + rush.plan().concurrency() + " clients", in.latency().summary(), "p99 < 250 ms",
                in.latency().percentile(99) < 250);
        if (system != null) {
            row(md, "request accepted → decided, every registration (read model: decided_at − created_at)",
                    system.decisionLatency().summary(), "", null);
            Latencies visible = system.visibleLatency();
            row(md, "request accepted → decision visible, every registration (read model: the decision's applied_at − created_at)",
                    visible.summary(), "p99 < 1 s", visible.count() > 0 && visible.percentile(99) < 1000);
        }
        Latencies d = rush.decisionLatency();
        row(md, "request sent → decision pushed to the status page (every " + rush.plan().sampleEvery() + "th, its live stream)",
                d.summary(), "p99 < 1 s", d.count() > 0 && d.percentile(99) < 1000);
        String lastDecision = system != null && system.decided() > 0
                ? String.format("%.1f s, the read model's last decided_at (intake took %.1f s)", system.lastDecisionSeconds(rush.startedAt()), in.seconds())
                : String.format("%.1f s, the last seen by the status-API sweep after the emails (read model not read: %s; intake took %.1f s)",
                        rush.lastDecisionSeconds(), rush.systemProblem(), in.seconds());
        row(md, "first request → last decision", lastDecision, "", null);
        if (system != null) {
            row(md, "request accepted → first email received, per person (inbox's time received)",
                    system.emailLatency().summary() + (system.withoutEmail() == 0 ? "" : String.format("; %,d people without one", system.withoutEmail())),
                    "", null);
        }
        row(md, "first request → last email", String.format("%.1f s, %.1f s after the last request", rush.lastEmailSeconds(),
                rush.emailsAfterIntakeSeconds()), "≤ 3 min after the rush", rush.emailsAfterIntakeSeconds() <= 180);
        String decisionsHow = system != null && system.decided() > 0 ? "decisions/s (first request → last decided_at)"
                : "decisions/s (first request → last decision seen)";
        if (lock != null) {
            double ratio = rush.decisionsPerSecond() / lock.decisionsPerSecond();
            row(md, decisionsHow, String.format("%,.0f/s vs the lock peer's %,.0f/s = **%.2f×**",
                    rush.decisionsPerSecond(), lock.decisionsPerSecond(), ratio), "≥ 1.5× the lock peer", ratio >= 1.5);
        } else {
            row(md, decisionsHow, String.format("%,.0f/s", rush.decisionsPerSecond()), "≥ 1.5× the lock peer", null);
        }
        if (rush.cpu() != null) {
            int decided = system != null ? system.decided() : rush.decided();
            double ms = 1000 * rush.cpu().total(CpuTable.SYSTEM) / decided;
            String vs = lock != null && lock.cpu() != null
                    ? String.format(" vs the lock peer's %.2f ms", 1000 * lock.cpu().total(CpuTable.LOCK_PEER) / lock.decisions()) : "";
            row(md, "CPU per registration, the system's own processes (table below)", String.format("**%.2f ms**%s", ms, vs),
                    "≤ 4 ms", ms <= 4);
        }
        StringBuilder heap = new StringBuilder();
        boolean heapOk = !rush.peakHeapMiB().isEmpty();
        for (Map.Entry<String, Double> e : rush.peakHeapMiB().entrySet()) {
            heap.append(e.getKey()).append(String.format(" %.0f MiB; ", e.getValue()));
            heapOk &= e.getValue() <= 512;
        }
        rush.heapProblems().forEach(p -> heap.append(p).append("; "));
        row(md, "peak heap in use (jstat, 1/s)", heap.toString().replaceAll("; $", ""), "≤ 512 MiB each", heapOk);
        row(md, "answers by status", String.format("%s (%,d requests for %,d registrants)", in.statuses(), in.requests(),
                rush.plan().registrants()), "", null);
        md.append('\n');
        if (ceiling != null) {
            md.append(String.format("HTTP ceiling (bare Spring MVC endpoint, same body, same clients): %,.0f accepted/s, latency %s.%n%n",
                    ceiling.acceptedPerSecond(), ceiling.latency().summary()));
        }
        if (wrk != null) {
            md.append(String.format("The same ceiling endpoint driven by wrk (same body, %d connections, 2 threads): %s; "
                    + "the Java clients got %.0f%% of it.%n%n", rush.plan().concurrency(), wrk.summary(),
                    ceiling == null ? Double.NaN : 100 * ceiling.acceptedPerSecond() / wrk.requestsPerSecond()));
        }
        if (lock != null) {
            md.append(String.format("Lock-based peer (`SELECT … FOR UPDATE` on one quota row, decided in the request): "
                            + "%,.0f decisions/s, %,d confirmed, %,d waitlisted, %,d second submits rejected; latency %s.%n%n",
                    lock.decisionsPerSecond(), lock.confirmed(), lock.waitlisted(), lock.rejected(), lock.intake().latency().summary()));
        }
        md.append(cpuSection(rush, ceilingRun, lock));
        md.append("Checks:\n\n");
        rush.checks().forEach(c -> md.append("* ").append(c.info() ? "info" : c.ok() ? "ok" : "**FAILED**").append(": ").append(c.rule())
                .append(" (").append(c.detail()).append(")\n"));
        return md.toString();
    }

    private static String cpuSection(RushRun.Result rush, Baselines.CeilingResult ceiling, Baselines.LockResult lock) {
        List<CpuTable.Column> columns = new ArrayList<>();
        if (rush.cpu() != null) {
            int decided = rush.system() != null ? rush.system().decided() : rush.decided();
            columns.add(new CpuTable.Column("rush", rush.cpu(), decided, CpuTable.SYSTEM));
        }
        if (lock != null && lock.cpu() != null) {
            columns.add(new CpuTable.Column("lock peer", lock.cpu(), (int) lock.decisions(), CpuTable.LOCK_PEER));
        }
        if (ceiling != null && ceiling.cpu() != null) {
            columns.add(new CpuTable.Column("HTTP ceiling", ceiling.cpu(), ceiling.intake().accepted(), CpuTable.CEILING));
        }
        if (columns.isEmpty()) {
            return "";
        }
        return "CPU by process (the rush: from its first request until every decision was in the read model and every "
                + "email in the inbox; each baseline: its measured run, warm-up excluded):\n\n" + CpuTable.markdown(columns) + "\n";
    }

    private static void row(StringBuilder md, String what, String figure, String target, Boolean met) {
        md.append("| ").append(what).append(" | ").append(figure).append(" | ").append(target).append(" | ")
                .append(met == null ? "" : met ? "met" : "**missed**").append(" |\n");
    }

    /** CPUs, CPU model, memory, JDK and the load when the run started: the context a figure needs. */
    public static String machine() {
        String model = "";
        try {
            model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("");
        } catch (IOException | RuntimeException e) {
            // not Linux: the model is left out
        }
        var os = ManagementFactory.getOperatingSystemMXBean();
        long memory = 0;
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            memory = sun.getTotalMemorySize() / (1024 * 1024 * 1024);
        }
        return String.format("%d CPUs (%s), %d GiB RAM, %s %s, load average %.2f at the end", os.getAvailableProcessors(), model,
                memory, System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), os.getSystemLoadAverage());
    }
}
