package org.rushreg.loadtest.cpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every process's CPU time at one moment, read from {@code /proc}, and the whole machine's busy time from
 * {@code /proc/stat}. Two snapshots give what each process spent between them.
 *
 * @param busyTicks the machine's non-idle time (all CPUs) from the first line of {@code /proc/stat}
 */
public record ProcSnapshot(Map<Long, ProcessCpu> processes, long busyTicks, long nanoTime) {

    public static ProcSnapshot read() {
        return read(Path.of("/proc"));
    }

    static ProcSnapshot read(Path proc) {
        long now = System.nanoTime();
        Map<Long, ProcessCpu> processes = new HashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path dir : entries) {
                try {
                    String stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
                    byte[] raw = Files.readAllBytes(dir.resolve("cmdline"));
                    String cmdline = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
                    ProcessCpu p = ProcessCpu.parse(stat, cmdline);
                    processes.put(p.pid(), p);
                } catch (IOException | RuntimeException e) {
                    // the process ended while it was being read: it is not in this snapshot
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + proc + " (the CPU figures need Linux)", e);
        }
        long busy = 0;
        try {
            busy = busyTicks(Files.readAllLines(proc.resolve("stat")).get(0));
        } catch (IOException | RuntimeException e) {
            // the machine's busy time is context only
        }
        return new ProcSnapshot(processes, busy, now);
    }

    /** {@code cpu  user nice system idle iowait irq softirq steal ...}: everything but idle and iowait. */
    static long busyTicks(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(f[i]);
            }
        }
        return busy;
    }

    /** The process and its ancestors, nearest first, as far as this snapshot knows them. */
    public List<ProcessCpu> lineage(ProcessCpu process) {
        List<ProcessCpu> chain = new ArrayList<>();
        for (ProcessCpu p = process; p != null && chain.size() < 64; p = processes.get(p.ppid())) {
            chain.add(p);
            if (p.ppid() == p.pid()) {
                break;
            }
        }
        return chain;
    }
}
