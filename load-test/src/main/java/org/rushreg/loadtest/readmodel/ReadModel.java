package org.rushreg.loadtest.readmodel;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The registration-service's read model ({@code registrations} in its PostgreSQL database), read over JDBC after a
 * run: the system's own timestamps of every registration, which no sample of status reads can give. A load tool
 * reading a service's tables is a benchmark's privilege, not an interface: if the table changes, this changes.
 */
public final class ReadModel {

    private final String jdbcUrl;

    public ReadModel(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** Every registration of the event, by id. */
    public Map<String, RegistrationTimes> registrations(String eventId) throws SQLException {
        Map<String, RegistrationTimes> found = new HashMap<>();
        try (Connection c = connect();
             PreparedStatement q = c.prepareStatement(
                     """
                     select r.id, r.status, r.created_at, r.decided_at, v.visible_at from registrations r
                     left join (select registration_id, min(applied_at) as visible_at from outcomes
                                where event_id = ? and kind in ('CONFIRMED', 'WAITLISTED', 'REJECTED')
                                group by registration_id) v on v.registration_id = r.id
                     where r.event_id = ?""")) {
            q.setString(1, eventId);
            q.setString(2, eventId);
            q.setFetchSize(5000);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), new RegistrationTimes(rs.getString(1), rs.getString(2),
                            instant(rs.getTimestamp(3)), instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5))));
                }
            }
        }
        return found;
    }

    /** How many of the event's registrations are decided: one cheap count, polled while the run drains. */
    public int decided(String eventId) throws SQLException {
        try (Connection c = connect();
             PreparedStatement q = c.prepareStatement(
                     "select count(*) from registrations where event_id = ? and decided_at is not null and status <> 'PENDING'")) {
            q.setString(1, eventId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Polls until {@code count} registrations of the event are decided or {@code timeout} passes; whether they were. */
    public boolean awaitDecided(String eventId, int count, Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (decided(eventId) < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(500);
        }
        return true;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "");
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
