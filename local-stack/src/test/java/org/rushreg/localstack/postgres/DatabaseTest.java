package org.rushreg.localstack.postgres;

import static org.assertj.core.api.Assertions.assertThat;

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
}
