package org.rushreg.loadtest.baseline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The baseline server in a JVM of its own, started from this very jar with the same {@code java} and the same JVM
 * options as the local stack gives each service ({@code -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}, see
 * decision 0011), so that the comparison is between like processes.
 */
public final class BaselineProcess implements AutoCloseable {

    private final Process process;
    private final URI base;
    private final Path log;

    private BaselineProcess(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    public static BaselineProcess start(int port, String jdbcUrl, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            command.add("-jar");
            command.add(classPath);
        } else {
            command.add("-cp");
            command.add(classPath);
            command.add("org.rushreg.loadtest.Main");
        }
        command.addAll(List.of("baseline-server", "--port", String.valueOf(port), "--jdbc-url", jdbcUrl));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        BaselineProcess started = new BaselineProcess(process, URI.create("http://localhost:" + port), log);
        started.awaitUp(Duration.ofMinutes(2));
        return started;
    }

    public URI base() {
        return base;
    }

    private void awaitUp(Duration timeout) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the baseline server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                // any answer means Tomcat is up; the endpoint itself refuses a GET
                http.send(HttpRequest.newBuilder(base.resolve("/ceiling/events/x/registrations")).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                Thread.sleep(250);
            }
        }
        close();
        throw new IOException("the baseline server did not answer on " + base + " within " + timeout.toSeconds() + " s; see " + log);
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
