package org.rushreg.localstack.services;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service as its own JVM from its own jar, as in production. While the stack starts, a service that dies has
 * failed to start ({@link ExitedWhileStarting}: a taken port, a bad setting), and restarting it would only hide that;
 * once the stack is up ({@link #restartWhenItDies}) it is restarted when it dies, with a growing pause (like a
 * container restart policy), until the stack stops it.
 */
public final class ServiceProcess implements AutoCloseable {

    /**
     * Every service JVM: a 512 MiB heap, the serial collector and the C1 compiler only. Five processes share a
     * small machine here, and a rush reaches code the JVM has not run before: G1's and C2's background threads
     * took a third of the registration-service's CPU in a rush (decision 0011). The load tool's baseline server
     * runs with the same options.
     */
    static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /** Replaces {@link #JVM_OPTIONS} (space-separated), to compare JIT and collector choices in a benchmark. */
    static final String JVM_OPTIONS_VARIABLE = "SERVICE_JVM_OPTIONS";

    static List<String> jvmOptions(Map<String, String> environment) {
        String options = environment.get(JVM_OPTIONS_VARIABLE);
        if (options == null || options.isBlank()) {
            return JVM_OPTIONS;
        }
        return List.of(options.trim().split("\\s+"));
    }


    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(2);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /** What a start-up failure quotes of the service's log: its end, where the reason is. */
    private static final int LOG_TAIL_BYTES = 4_000;

    private final String name;
    private final Path jar;
    private final int port;
    private final int managementPort;
    private final Map<String, String> env;
    private final Path logFile;
    private final Path pidFile;
    /** Its public port, for tools that find a copy by name (the load tool's chaos run): the port may have moved. */
    private final Path portFile;
    private final Path runDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private volatile Process process;
    private volatile boolean stopping;
    private volatile Duration backoff = FIRST_BACKOFF;
    private volatile Instant startedAt;
    private volatile boolean restartWhenItDies;
    /** Set when the process died before {@link #restartWhenItDies}: the start-up failed. */
    private volatile ExitedWhileStarting exitedWhileStarting;
    private volatile Runnable whenItDies = () -> { };
    /** Its CPU priority below the others' (Unix niceness, 0 = the same), see {@link #yieldCpuBy}. */
    private volatile int niceness;

    public ServiceProcess(String name, Path jar, int port, int managementPort, Map<String, String> env, Path dataDir) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.managementPort = managementPort;
        this.env = Map.copyOf(env);
        this.logFile = dataDir.resolve("logs").resolve(name + ".log");
        this.pidFile = dataDir.resolve(name + ".pid");
        this.portFile = dataDir.resolve(name + ".port");
        this.runDir = dataDir.resolve("jars");
    }

    /**
     * Runs the service at a lower CPU priority than the rest of the stack (a Unix niceness, added to the stack's
     * own, 19 at most): when the machine is busy, the others get the CPU first, and it gets what they leave. Takes
     * effect at the next start. Where there is no {@code nice} command (not a Unix system), the service runs at the
     * usual priority and a line says so.
     */
    public void yieldCpuBy(int niceness) {
        if (niceness < 0 || niceness > 19) {
            throw new IllegalArgumentException("A niceness is 0 (the usual priority) to 19 (the lowest), not "
                    + niceness);
        }
        this.niceness = niceness;
    }

    private List<String> niceCommand(int niceness) {
        if (niceness == 0) {
            return List.of();
        }
        Optional<Path> nice = Stream.of("/usr/bin/nice", "/bin/nice").map(Path::of).filter(Files::isExecutable)
                .findFirst();
        if (nice.isEmpty()) {
            log.warn("{} runs at the usual CPU priority: there is no nice command here", name);
            return List.of();
        }
        return List.of(nice.get().toString(), "-n", String.valueOf(niceness));
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** Its process is there (it may still be starting); false while it is restarted after a crash. */
    public boolean isRunning() {
        Process running = process;
        return running != null && running.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** A service process that ended while the stack was starting: names it, its exit status and its log. */
    public static final class ExitedWhileStarting extends IllegalStateException {
        ExitedWhileStarting(String message) {
            super(message);
        }
    }

    public synchronized void start() throws IOException {
        if (stopping) {
            throw new IllegalStateException(name + " is being stopped");
        }
        Files.createDirectories(logFile.getParent());
        stopLeftoverOfEarlierRun();
        checkPortFree(port);
        checkPortFree(managementPort);
        List<String> command = new ArrayList<>(niceCommand(niceness));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions(System.getenv()));
        command.add("-jar");
        command.add(runnableCopy().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().put("MANAGEMENT_PORT", String.valueOf(managementPort));
        process = builder.start();
        startedAt = Instant.now();
        writeAtomically(pidFile, String.valueOf(process.pid()));
        writeAtomically(portFile, String.valueOf(port));
        log.info("{} started (pid {}, port {}, log {})", name, process.pid(), port, logFile);
        Process watched = process;
        // a thread of its own: the restart waits out the backoff, which must not block a shared pool
        watched.onExit().thenRunAsync(() -> exited(watched),
                task -> new Thread(task, name + "-watch").start());
    }

    private void exited(Process exited) {
        synchronized (this) {
            if (stopping || exited != process) {
                return;
            }
            if (!restartWhenItDies) {
                exitedWhileStarting = new ExitedWhileStarting(name + " exited with status " + exited.exitValue()
                        + " while starting; its log is " + logFile + ", which ends with:\n" + logTail());
                log.error("{} exited with status {} while starting (see {})", name, exited.exitValue(), logFile);
                return;
            }
        }
        restartIfUnexpected(exited);
    }

    /**
     * The stack is up: from now on the service is restarted when it dies. One that died between its start-up and
     * this call is restarted now.
     */
    public void restartWhenItDies() {
        Process died;
        synchronized (this) {
            restartWhenItDies = true;
            if (exitedWhileStarting == null || stopping) {
                return;
            }
            exitedWhileStarting = null;
            died = process;
        }
        new Thread(() -> restartIfUnexpected(died), name + "-watch").start();
    }

    /** Runs {@code action} each time the process dies unexpectedly, before it is started again. */
    public void whenItDies(Runnable action) {
        whenItDies = action;
    }

    /** Throws {@link ExitedWhileStarting} if the process died before the stack was up. */
    public void checkNotExitedWhileStarting() {
        ExitedWhileStarting failure = exitedWhileStarting;
        if (failure != null) {
            throw failure;
        }
    }

    private String logTail() {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long from = Math.max(0, file.length() - LOG_TAIL_BYTES);
            byte[] tail = new byte[(int) (file.length() - from)];
            file.seek(from);
            file.readFully(tail);
            String text = new String(tail, StandardCharsets.UTF_8);
            // from the first whole line on
            return (from > 0 && text.indexOf('\n') >= 0 ? text.substring(text.indexOf('\n') + 1) : text).stripTrailing();
        } catch (IOException e) {
            return "(cannot read it: " + e.getMessage() + ")";
        }
    }

    /**
     * The service runs from a copy of its jar: a JVM loads classes lazily from its jar, so a rebuild while the
     * stack runs would break the running service at its next class load. Each (re)start copies the newest build.
     */
    private Path runnableCopy() throws IOException {
        // one copy per instance: copies of one service restart on their own, and must not overwrite each other's jar
        Path copy = Files.createDirectories(runDir).resolve(name + ".jar");
        Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }

    /** Replaced in one step, so a reader (an operator's script, a test) never sees it missing or half written. */
    private static void writeAtomically(Path file, String content) throws IOException {
        Path written = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(written, content);
        Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * A launcher killed with SIGKILL cannot stop its children; the pid file lets the next run end that orphan
     * instead of failing on a taken port. Only a process that runs this very jar is touched.
     */
    private void stopLeftoverOfEarlierRun() throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            Optional<ProcessHandle> leftover = ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(c -> c.contains(runDir.resolve(name + ".jar").toString())).orElse(false));
            if (leftover.isPresent()) {
                log.warn("{}: stopping pid {} left over from an earlier run", name, pid);
                stop(leftover.get());
            }
        } catch (NumberFormatException e) {
            // an unreadable pid file is just stale; start() replaces it
        }
    }

    private void checkPortFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // every address, as the service will listen
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " for " + name + " is in use by another program; "
                    + "stop it or choose another port (--help lists the flags)");
        }
    }

    private void restartIfUnexpected(Process exited) {
        if (stopping || exited != process) {
            return;
        }
        // A crash long after a good start gets a quick restart again; a crash loop slows down.
        if (Duration.between(startedAt, Instant.now()).compareTo(Duration.ofMinutes(2)) > 0) {
            backoff = FIRST_BACKOFF;
        }
        log.warn("{} exited with status {}; restarting in {} s (see {})", name, exited.exitValue(), backoff.toSeconds(), logFile);
        whenItDies.run();
        while (!stopping) {
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Duration doubled = backoff.multipliedBy(2);
            backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
            try {
                synchronized (this) {
                    if (!stopping) {
                        start();
                    }
                }
                return;
            } catch (IOException | RuntimeException e) {
                log.error("{} could not be restarted ({}); trying again in {} s", name, e.getMessage(), backoff.toSeconds());
            }
        }
    }

    /** Health with its parts, on the operators' port (the public port has only /livez and /readyz). */
    public String healthUrl() {
        return "http://localhost:" + managementPort + "/actuator/health";
    }

    public boolean isHealthy() {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(healthUrl()))
                            .timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void awaitHealthy(Duration timeout) throws InterruptedException, TimeoutException {
        Instant deadline = Instant.now().plus(timeout);
        while (!isHealthy()) {
            checkNotExitedWhileStarting();
            if (stopping) {
                throw new IllegalStateException(name + " was stopped before it was healthy");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new TimeoutException(name + " was not healthy on " + healthUrl() + " within "
                        + timeout.toSeconds() + " s; see " + logFile);
            }
            Thread.sleep(500);
        }
    }

    /** SIGTERM first so the service shuts down gracefully (drains, commits offsets); force only if it hangs. */
    @Override
    public synchronized void close() {
        stopping = true;
        if (process != null) {
            stop(process.toHandle());
            process = null;
        }
        for (Path file : List.of(pidFile, portFile)) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.debug("cannot delete {}", file, e);
            }
        }
    }

    private void stop(ProcessHandle handle) {
        handle.destroy();
        try {
            handle.onExit().get(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            log.warn("{} did not stop within {} s; killing it", name, STOP_GRACE.toSeconds());
            handle.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroyForcibly();
        } catch (ExecutionException e) {
            handle.destroyForcibly();
        }
    }
}
