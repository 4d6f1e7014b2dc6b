package org.rushreg.localstack.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's packaged binaries) whose data directory lives in the data folder, so that
 * registrations survive a restart. Creates the databases the services expect when they are missing.
 */
public final class Database implements AutoCloseable {

    public static final String USERNAME = "postgres";
    public static final String PASSWORD = "";
    public static final List<String> DATABASES = List.of("registration", "notification");

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres postgres;

    public Database(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    public void start() throws Exception {
        Files.createDirectories(dataDir.getParent());
        stopLeftoverServer();
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                // keep the data: initdb runs only when the directory holds no cluster yet
                .setCleanDataDirectory(false)
                .setPort(port)
                // Stopped by close(), after the services: the library's own shutdown hook would stop the server at
                // Ctrl-C while the services are still finishing their work against it (JVM hooks run at once).
                .setRegisterShutdownHook(false)
                .start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            for (String name : DATABASES) {
                createIfMissing(connection, name);
            }
        }
        log.info("PostgreSQL listening on localhost:{}", port);
    }

    /**
     * The server runs in a session of its own, so a local stack killed with SIGKILL (or a lost terminal) leaves it
     * running on this data directory and port, and the next start would fail on "port in use". A server whose
     * {@code postmaster.pid} names this data directory is ours: it is stopped (fast shutdown: open sessions are
     * ended, the data is kept) before a new one starts.
     */
    private void stopLeftoverServer() throws Exception {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> leftover = lines.size() < 2 ? Optional.empty() : parsePid(lines.get(0))
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(process -> Path.of(lines.get(1).strip()).equals(dataDir.toAbsolutePath()));
        if (leftover.isEmpty()) {
            return; // a stale file from a server that is gone: PostgreSQL itself replaces it
        }
        ProcessHandle server = leftover.get();
        log.warn("PostgreSQL (pid {}) from an earlier run that did not stop is still running on {}; stopping it",
                server.pid(), dataDir);
        new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).inheritIO().start().waitFor();
        try {
            server.onExit().get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            log.warn("PostgreSQL (pid {}) did not stop within 30 s; killing it (it recovers on the next start)",
                    server.pid());
            server.destroyForcibly();
            server.onExit().get(10, TimeUnit.SECONDS);
        }
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void createIfMissing(Connection connection, String name) throws Exception {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet found = query.executeQuery()) {
                if (found.next()) {
                    return;
                }
            }
        }
        try (Statement create = connection.createStatement()) {
            // the name is one of our own constants, never user input
            create.execute("CREATE DATABASE " + name);
        }
        log.info("Created database {}", name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    @Override
    public void close() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (Exception e) {
            log.warn("PostgreSQL did not stop cleanly", e);
        }
        postgres = null;
    }
}
