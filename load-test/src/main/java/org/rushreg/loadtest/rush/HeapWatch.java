package org.rushreg.loadtest.rush;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Peak heap in use of each service during a run, sampled once a second with {@code jstat -gc <pid> 1000} (one
 * long-running jstat per service, reading the JVM's own performance counters: no agent, no endpoint needed).
 * The pids come from the local stack's pid files ({@code <data-dir>/<service>.pid}).
 */
public final class HeapWatch implements AutoCloseable {

    private final Map<String, Double> peakMiB = new ConcurrentHashMap<>();
    private final List<Process> jstats = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    public HeapWatch(Path dataDir, List<String> services) {
        Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
        for (String service : services) {
            Path pidFile = dataDir.resolve(service + ".pid");
            try {
                if (!Files.isExecutable(jstat)) {
                    problems.add("no jstat in " + jstat.getParent() + " (run the tool on a JDK, not a JRE)");
                    return;
                }
                if (!Files.exists(pidFile)) {
                    problems.add(service + ": no pid file " + pidFile + " (pass --data-dir of the running local stack)");
                    continue;
                }
                String pid = Files.readString(pidFile).trim();
                Process p = new ProcessBuilder(jstat.toString(), "-gc", pid, "1000").redirectErrorStream(true).start();
                jstats.add(p);
                Thread reader = new Thread(() -> read(service, p), "jstat-" + service);
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                problems.add(service + ": " + e.getMessage());
            }
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
        jstats.forEach(Process::destroy);
    }
}
