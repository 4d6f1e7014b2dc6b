package org.rushreg.localstack.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rushreg.localstack.Settings;

class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void createsTheDatabasesAndKeepsTheirDataAcrossARestart() throws Exception {
        int port = Settings.onFreePorts(dir, dir).postgresPort();
        try (Database database = new Database(dir.resolve("postgres"), port)) {
            database.start();
            try (Connection c = DriverManager.getConnection(database.jdbcUrl("registration"), Database.USERNAME, Database.PASSWORD);
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (name text)");
                s.execute("INSERT INTO kept VALUES ('still here')");
            }
            try (Connection c = DriverManager.getConnection(database.jdbcUrl("notification"), Database.USERNAME, Database.PASSWORD)) {
                assertThat(c.isValid(5)).isTrue();
            }
        }
        try (Database again = new Database(dir.resolve("postgres"), port)) {
            again.start();
            try (Connection c = DriverManager.getConnection(again.jdbcUrl("registration"), Database.USERNAME, Database.PASSWORD);
                 Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT name FROM kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("still here");
            }
        }
    }

    @Test
    void aServerLeftRunningByAStackKilledWithSigkillIsStoppedAndItsDataKept() throws Exception {
        int port = Settings.onFreePorts(dir, dir).postgresPort();
        Path dataDir = dir.resolve("postgres");
        // The first stack is a JVM of its own, killed with SIGKILL once its database holds a row: its server lives on.
        Process killed = startJvm(LeftBehindDatabase.class, dataDir, port);
        try (BufferedReader output = new BufferedReader(new InputStreamReader(killed.getInputStream()))) {
            String line;
            while ((line = output.readLine()) != null && !line.equals(LeftBehindDatabase.READY)) {
                // the child's log lines
            }
            assertThat(line).as("the first stack's database started").isEqualTo(LeftBehindDatabase.READY);
            killed.destroyForcibly().waitFor();
        }
        long leftoverPid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
        assertThat(ProcessHandle.of(leftoverPid).map(ProcessHandle::isAlive)).hasValue(true);

        try (Database next = new Database(dataDir, port)) {
            next.start();
            assertThat(ProcessHandle.of(leftoverPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            try (Connection c = DriverManager.getConnection(next.jdbcUrl("registration"), Database.USERNAME, Database.PASSWORD);
                 Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT name FROM kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("still here");
            }
        }
    }

    @Test
    void atCtrlCTheServerIsStoppedOnlyWhenTheStackStopsIt() throws Exception {
        int port = Settings.onFreePorts(dir, dir).postgresPort();
        Path dataDir = dir.resolve("postgres");
        Process stack = startJvm(StoppingStack.class, dataDir, port);
        try (BufferedReader output = new BufferedReader(new InputStreamReader(stack.getInputStream()))) {
            assertThat(lineStartingWith(output, "@")).isEqualTo(StoppingStack.READY);
            // SIGTERM, as Ctrl-C: the JVM runs its shutdown hooks (through the handle: Process.destroy closes the output)
            stack.toHandle().destroy();
            assertThat(lineStartingWith(output, "@")).as("the database while the services were still stopping")
                    .isEqualTo("@database still there");
            assertThat(stack.waitFor()).isNotNegative();
        }
        assertThat(Files.exists(dataDir.resolve("postmaster.pid"))).as("stopped by the stack at the end").isFalse();
    }

    /** {@code main} of that class in a JVM of its own, with the database's folder and port as its arguments. */
    private static Process startJvm(Class<?> main, Path dataDir, int port) throws java.io.IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName(), dataDir.toString(), Integer.toString(port))
                .redirectErrorStream(true).start();
    }

    private static String lineStartingWith(BufferedReader output, String prefix) throws java.io.IOException {
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        return null;
    }

    /**
     * A stack whose shutdown hook stands for the services finishing their work (two seconds) before it stops the
     * database, as {@code LocalStack.close} does: {@code StoppingStack <dataDir> <port>}.
     */
    public static final class StoppingStack {

        static final String READY = "@stack ready";

        public static void main(String[] args) throws Exception {
            Database database = new Database(Path.of(args[0]), Integer.parseInt(args[1]));
            database.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Thread.sleep(2_000);
                    try (Connection c = DriverManager.getConnection(database.jdbcUrl("registration"),
                            Database.USERNAME, Database.PASSWORD)) {
                        System.out.println(c.isValid(5) ? "@database still there" : "@database gone");
                    }
                } catch (Exception e) {
                    System.out.println("@database gone: " + e);
                }
                System.out.flush();
                database.close();
            }));
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** A local stack's database alone, in a JVM the test kills: {@code LeftBehindDatabase <dataDir> <port>}. */
    public static final class LeftBehindDatabase {

        static final String READY = "left-behind database ready";

        public static void main(String[] args) throws Exception {
            Database database = new Database(Path.of(args[0]), Integer.parseInt(args[1]));
            database.start();
            try (Connection c = DriverManager.getConnection(database.jdbcUrl("registration"), Database.USERNAME,
                    Database.PASSWORD);
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (name text)");
                s.execute("INSERT INTO kept VALUES ('still here')");
            }
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
