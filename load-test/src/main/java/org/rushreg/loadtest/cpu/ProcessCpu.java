package org.rushreg.loadtest.cpu;

/**
 * One process as {@code /proc/<pid>/stat} shows it at one moment.
 *
 * @param startTicks when the process started (clock ticks after boot): a pid can be reused, a pid and its start
 *                   time cannot
 * @param cpuTicks   user + system time it has spent so far (utime + stime), in clock ticks
 * @param cmdline    its command line, arguments separated by spaces (empty for kernel threads)
 */
public record ProcessCpu(long pid, long ppid, long startTicks, long cpuTicks, String cmdline) {

    /**
     * Reads one {@code /proc/<pid>/stat} line. The second field, the command name in parentheses, may itself hold
     * spaces and parentheses, so the fields are counted from the last ')'.
     */
    public static ProcessCpu parse(String stat, String cmdline) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
        }
        long pid = Long.parseLong(stat.substring(0, stat.indexOf(' ')).trim());
        // after ") ": state(3) ppid(4) ... utime(14) stime(15) ... starttime(22); index 0 here is field 3
        String[] f = stat.substring(close + 2).trim().split("\\s+");
        return new ProcessCpu(pid, Long.parseLong(f[1]), Long.parseLong(f[19]),
                Long.parseLong(f[11]) + Long.parseLong(f[12]), cmdline);
    }

    /** The same process (not a later one that got the same pid). */
    public boolean sameAs(ProcessCpu other) {
        return other != null && pid == other.pid && startTicks == other.startTicks;
    }
}
