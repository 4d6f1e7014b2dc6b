package org.rushreg.loadtest.cpu;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The CPU a run cost, per process group and per registration, for the system and each baseline side by side.
 * Each column's total is what that design itself spends (its {@code own} groups); the load tool, the idle stack
 * during a baseline and other processes on the machine are shown but not in the total.
 */
public final class CpuTable {

    /**
     * @param per  what the per-unit figure divides by (registrations decided, requests accepted)
     * @param own  the groups that are the design under test
     */
    public record Column(String name, CpuUse use, int per, Set<ProcessGroup> own) {

        public double total() {
            return use.total(own);
        }

        public double millisPer(double seconds) {
            return per == 0 ? Double.NaN : 1000 * seconds / per;
        }
    }

    /** The system's own processes: the three services, the broker and inbox JVM, PostgreSQL. */
    public static final Set<ProcessGroup> SYSTEM = EnumSet.of(ProcessGroup.REGISTRATION_SERVICE,
            ProcessGroup.CAPACITY_SERVICE, ProcessGroup.NOTIFICATION_SERVICE, ProcessGroup.LOCAL_STACK, ProcessGroup.POSTGRES);
    /** The lock peer: its JVM and the database it locks in. */
    public static final Set<ProcessGroup> LOCK_PEER = EnumSet.of(ProcessGroup.BASELINE_SERVER, ProcessGroup.POSTGRES);
    /** The HTTP ceiling: its JVM alone. */
    public static final Set<ProcessGroup> CEILING = EnumSet.of(ProcessGroup.BASELINE_SERVER);

    private CpuTable() {
    }

    public static String markdown(List<Column> columns) {
        StringBuilder md = new StringBuilder("| process |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Column c : columns) {
            md.append(' ').append(c.name()).append(": CPU s | ms per ").append(c.name().contains("ceiling") ? "request" : "registration").append(" |");
            rule.append("---:|---:|");
        }
        md.append('\n').append(rule).append('\n');
        for (ProcessGroup g : ProcessGroup.values()) {
            if (columns.stream().allMatch(c -> c.use().of(g) == 0)) {
                continue;
            }
            md.append("| ").append(g.label()).append(" |");
            for (Column c : columns) {
                double s = c.use().of(g);
                String cell = String.format("%.1f | %.2f", s, c.millisPer(s));
                md.append(' ').append(c.own().contains(g) ? cell : "(" + cell.replace(" | ", ") | (") + ")").append(" |");
            }
            md.append('\n');
        }
        md.append("| **total of the design's own processes** |");
        for (Column c : columns) {
            md.append(String.format(" **%.1f** | **%.2f** |", c.total(), c.millisPer(c.total())));
        }
        md.append("\n| machine busy (/proc/stat, every process) |");
        for (Column c : columns) {
            md.append(String.format(" %.1f | %.2f |", c.use().busySeconds(), c.millisPer(c.use().busySeconds())));
        }
        md.append("\n| window (wall clock) |");
        for (Column c : columns) {
            md.append(String.format(" %.1f s | %,d %s |", c.use().wallSeconds(), c.per(), c.name().contains("ceiling") ? "requests" : "registrations"));
        }
        md.append("\n\n");
        List<String> notes = new ArrayList<>();
        for (Column c : columns) {
            notes.add(c.name() + ": " + c.own().stream().map(ProcessGroup::label).collect(Collectors.joining(", ")));
        }
        md.append("Totals count each design's own processes (").append(String.join("; ", notes))
                .append("); figures in parentheses are shown but not counted. ");
        int ended = columns.stream().mapToInt(c -> c.use().endedProcesses()).sum();
        md.append("CPU times are utime + stime of /proc/<pid>/stat at the start and at the end of each window; a process "
                + "that ended in between is lost with its CPU after the first snapshot (")
                .append(ended == 0 ? "none did in these windows" : ended + " processes did: "
                        + columns.stream().map(c -> c.name() + " " + c.use().endedProcesses()).collect(Collectors.joining(", ")))
                .append("). ").append(columns.get(0).use().grouping().describe()).append('\n');
        return md.toString();
    }
}
