package org.rushreg.loadtest.cpu;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * CPU seconds each group of processes spent between two snapshots of {@code /proc}.
 *
 * <p>A process that started in between counts with all of its time (it all fell in the window). A process that
 * ended in between is gone from the second snapshot with whatever it spent after the first: that time is lost,
 * and {@code endedProcesses} says how many there were, so that the report can say so.
 *
 * @param seconds        CPU seconds by group (groups that spent nothing are absent)
 * @param busySeconds    the whole machine's non-idle time in the window, all CPUs
 * @param wallSeconds    the window's length
 * @param grouping       how the processes were grouped (for the report to say so)
 * @param endedProcesses processes of the run (not {@link ProcessGroup#OTHER}) in the first snapshot gone from the
 *                       second: their CPU since the first is not counted
 */
public record CpuUse(Map<ProcessGroup, Double> seconds, double busySeconds, double wallSeconds, int endedProcesses,
                     ProcessGrouping grouping) {

    public static CpuUse between(ProcSnapshot before, ProcSnapshot after, ProcessGrouping grouping, double ticksPerSecond) {
        Map<ProcessGroup, Double> seconds = new EnumMap<>(ProcessGroup.class);
        for (ProcessCpu now : after.processes().values()) {
            ProcessCpu then = before.processes().get(now.pid());
            long ticks = now.sameAs(then) ? now.cpuTicks() - then.cpuTicks() : now.cpuTicks();
            if (ticks > 0) {
                seconds.merge(grouping.groupOf(now, after), ticks / ticksPerSecond, Double::sum);
            }
        }
        int ended = (int) before.processes().values().stream()
                .filter(p -> !p.sameAs(after.processes().get(p.pid())))
                .filter(p -> grouping.groupOf(p, before) != ProcessGroup.OTHER).count();
        return new CpuUse(seconds, (after.busyTicks() - before.busyTicks()) / ticksPerSecond,
                (after.nanoTime() - before.nanoTime()) / 1e9, ended, grouping);
    }

    public double of(ProcessGroup group) {
        return seconds.getOrDefault(group, 0.0);
    }

    /** The sum over {@code groups}. */
    public double total(Set<ProcessGroup> groups) {
        return groups.stream().mapToDouble(this::of).sum();
    }
}
