package org.rushreg.notification;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The service's built jar run as a process of its own (java -jar, with the small-machine JVM options the local stack
 * uses), so that it can be killed with SIGKILL or have its CPU time read from /proc.
 */
public final class ServiceJar implements AutoCloseable {

    public static final String JAVA = System.getProperty("benchmark.java", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    private final Process process;
    private final int httpPort;
    private final Path log;

    private ServiceJar(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    /** Starts the jar with these environment variables (beside the ports it picks) and waits until it is ready. */
    public static ServiceJar start(Path jar, List<String> jvmArgs, Map<String, String> env) throws Exception {
        int httpPort = freePort();
        List<String> command = new ArrayList<>(List.of(JAVA, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.environment().put("SERVER_PORT", String.valueOf(httpPort));
        builder.environment().put("MANAGEMENT_PORT", String.valueOf(freePort()));
        Path log = Files.createTempFile("notification-service-", ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        ServiceJar service = new ServiceJar(builder.start(), httpPort, log);
        service.awaitReady();
        return service;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** SIGKILL: no shutdown hook, no drain, whatever was in flight stays where it was. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, and a wait for the graceful shutdown. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited with " + process.exitValue() + ", see " + log);
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + httpPort + "/readyz")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The service did not become ready, see " + log);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
