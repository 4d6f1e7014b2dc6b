package org.rushreg.localstack.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

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
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                // keep the data: initdb runs only when the directory holds no cluster yet
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            for (String name : DATABASES) {
                createIfMissing(connection, name);
            }
        }
        log.info("PostgreSQL listening on localhost:{}", port);
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
