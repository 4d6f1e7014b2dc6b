package org.rushreg.loadtest.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Snapshots of {@code /proc} for the CPU a run costs, with the processes grouped by whose they are. The roots are
 * found once: the local stack's JVM as the parent of a service (pid files in the stack's data folder), the
 * PostgreSQL server as the {@code postgres} process listening on the port of the given JDBC URL.
 */
public final class CpuMeter {

    private static final Pattern PORT = Pattern.compile("//[^/:]+:(\\d+)");

    private final ProcessGrouping grouping;
    private final double ticksPerSecond;

    public CpuMeter(ProcessGrouping grouping, double ticksPerSecond) {
        this.grouping = grouping;
        this.ticksPerSecond = ticksPerSecond;
    }

    /** Finds the roots of the running stack; a root not found is left to the command-line fallback. */
    public static CpuMeter forStack(Path dataDir, String postgresUrl) {
        ProcSnapshot now = ProcSnapshot.read();
        long stack = 0;
        for (String service : List.of("registration-service", "capacity-service", "notification-service")) {
            try {
                long pid = Long.parseLong(Files.readString(dataDir.resolve(service + ".pid")).trim());
                ProcessCpu p = now.processes().get(pid);
                if (p != null) {
                    stack = p.ppid();
                    break;
                }
            } catch (IOException | NumberFormatException e) {
                // no pid file: try the next service
            }
        }
        return new CpuMeter(new ProcessGrouping(ProcessHandle.current().pid(), 0, stack, postmaster(now, postgresUrl)),
                ticksPerSecond());
    }

    /** The PostgreSQL server process: {@code postgres ... -p <port>} with the port of the URL (5432 if none). */
    static long postmaster(ProcSnapshot snapshot, String jdbcUrl) {
        Matcher port = PORT.matcher(jdbcUrl);
        String flag = "-p " + (port.find() ? port.group(1) : "5432");
        return snapshot.processes().values().stream()
                .filter(p -> p.cmdline().contains("/postgres ") && (p.cmdline().contains(" " + flag + " ") || p.cmdline().endsWith(" " + flag)))
                .mapToLong(ProcessCpu::pid).min().orElse(0);
    }

    /** The clock ticks per second of /proc's times: {@code getconf CLK_TCK}, 100 on every usual Linux. */
    static double ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Double.parseDouble(out);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    /** The same meter with the baseline server's JVM counted apart from the load tool. */
    public CpuMeter withBaseline(long pid) {
        return new CpuMeter(grouping.withBaseline(pid), ticksPerSecond);
    }

    public ProcessGrouping grouping() {
        return grouping;
    }

    public ProcSnapshot snapshot() {
        return ProcSnapshot.read();
    }

    public CpuUse since(ProcSnapshot before) {
        return CpuUse.between(before, snapshot(), grouping, ticksPerSecond);
    }
}
