package org.rushreg.loadtest.rush;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Peak heap in use of each service during a run, sampled once a second with {@code jstat -gc <pid> 1000} (one
 * long-running jstat per service, reading the JVM's own performance counters: no agent, no endpoint needed).
 * The pids come from the local stack's pid files ({@code <data-dir>/<service>.pid}), read again when a service
 * was restarted, so the peak covers every process of the service during the run.
 */
public final class HeapWatch implements AutoCloseable {

    private final Map<String, Double> peakMiB = new ConcurrentHashMap<>();
    private final Map<String, Process> jstats = new ConcurrentHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public HeapWatch(Path dataDir, List<String> services) {
        Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
        if (!Files.isExecutable(jstat)) {
            problems.add("no jstat in " + jstat.getParent() + " (run the tool on a JDK, not a JRE)");
            return;
        }
        for (String service : services) {
            Path pidFile = dataDir.resolve(service + ".pid");
            if (!Files.exists(pidFile)) {
                problems.add(service + ": no pid file " + pidFile + " (pass --data-dir of the running local stack)");
                continue;
            }
            Thread watcher = new Thread(() -> watch(service, pidFile, jstat), "jstat-" + service);
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    /** Follows the service across restarts: when its JVM ends, jstat ends, and the new pid is read from the file. */
    private void watch(String service, Path pidFile, Path jstat) {
        while (!closed) {
            try {
                String pid = Files.readString(pidFile).trim();
                Process p = new ProcessBuilder(jstat.toString(), "-gc", pid, "1000").redirectErrorStream(true).start();
                jstats.put(service, p);
                read(service, p);
                p.waitFor();
                Thread.sleep(1000);
            } catch (IOException e) {
                sleepQuietly();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read(String service, Process p) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> header = null;
            String line;
            while ((line = lines.readLine()) != null) {
                List<String> cells = Arrays.asList(line.trim().split("\\s+"));
                if (cells.contains("EU")) {
                    header = cells;
                } else if (header != null && cells.size() == header.size()) {
                    double usedKiB = 0;
                    for (String column : List.of("S0U", "S1U", "EU", "OU")) {
                        usedKiB += Double.parseDouble(cells.get(header.indexOf(column)));
                    }
                    peakMiB.merge(service, usedKiB / 1024, Math::max);
                }
            }
        } catch (IOException | NumberFormatException e) {
            problems.add(service + ": jstat output unreadable: " + e.getMessage());
        }
    }

    /** Service to the highest heap in use seen, in MiB. */
    public Map<String, Double> peakMiB() {
        return new LinkedHashMap<>(peakMiB);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() {
        closed = true;
        jstats.values().forEach(Process::destroy);
    }
}
