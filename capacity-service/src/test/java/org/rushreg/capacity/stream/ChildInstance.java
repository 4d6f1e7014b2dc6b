package org.rushreg.capacity.stream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A capacity-service instance ({@link CapacityInstance#main}) in a JVM of its own, so that a test can end it the
 * way a crash or {@code kill -9} does: no close, no commit, no leaving the group, its open transaction left
 * behind. Killing a thread or closing with a zero timeout inside the test JVM would still run some of Kafka
 * Streams' shutdown.
 */
final class ChildInstance implements AutoCloseable {

    private final String name;
    private final Process process;
    private final List<String> markers = new CopyOnWriteArrayList<>();
    private volatile String killOnMarker;

    private ChildInstance(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /** Starts an instance; {@code killOnMarker}, when not null, kills it the moment it prints that marker. */
    static ChildInstance start(String name, String bootstrapServers, Path stateDir, String killOnMarker,
                               String... settings) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                CapacityInstance.class.getName(), bootstrapServers, stateDir.toString()));
        command.addAll(List.of(settings));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ChildInstance child = new ChildInstance(name, process);
        child.killOnMarker = killOnMarker;
        Thread reader = new Thread(child::readOutput, name + "-output");
        reader.setDaemon(true);
        reader.start();
        return child;
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("@")) {
                    markers.add(line);
                    if (killOnMarker != null && line.startsWith(killOnMarker)) {
                        // From the reading thread itself, so the kill lands while the child is still at that point.
                        process.destroyForcibly();
                    }
                }
                System.out.println("[" + name + "] " + line);
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    boolean printed(String markerPrefix) {
        return markers.stream().anyMatch(marker -> marker.startsWith(markerPrefix));
    }

    List<String> markers() {
        return List.copyOf(markers);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, and wait for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
