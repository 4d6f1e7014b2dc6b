package org.rushreg.registration.readmodel;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells every instance of the service which registrations changed, whichever instance applied the outcome: the
 * projection announces the ids on a PostgreSQL channel inside its transaction ({@code NOTIFY} is delivered at
 * commit, so a listener reads the committed state), and each instance listens on one connection of its own and
 * publishes a {@link RegistrationChanged} for each id. Status pages held by any instance get their updates this way,
 * while the decisions are consumed by one instance of the group (decision 0018).
 */
@Component
public class RegistrationChanges implements SmartLifecycle {

    static final String CHANNEL = "registration_changed";

    /** NOTIFY payloads are limited to 8,000 bytes; registration ids are 36-character UUIDs. */
    private static final int IDS_PER_NOTIFICATION = 200;

    private static final Logger log = LoggerFactory.getLogger(RegistrationChanges.class);

    private final DataSource dataSource;
    private final ApplicationEventPublisher events;
    private volatile Thread listening;

    RegistrationChanges(DataSource dataSource, ApplicationEventPublisher events) {
        this.dataSource = dataSource;
        this.events = events;
    }

    /** Announces changed registrations; call inside the transaction that changed them. */
    static void announce(JdbcTemplate jdbc, Collection<String> registrationIds) {
        List<String> ids = new ArrayList<>(registrationIds);
        for (int from = 0; from < ids.size(); from += IDS_PER_NOTIFICATION) {
            String payload = String.join(",", ids.subList(from, Math.min(ids.size(), from + IDS_PER_NOTIFICATION)));
            // pg_notify returns void: its one row is read and dropped, nothing is cached
            jdbc.query("select pg_notify(?, ?)", java.sql.ResultSet::next, CHANNEL, payload);
        }
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::listen, "registration-changes");
        thread.setDaemon(true);
        listening = thread;
        thread.start();
    }

    @Override
    public void stop() {
        Thread thread = listening;
        listening = null;
        if (thread != null) {
            thread.interrupt();
            try {
                // a wait for notifications ends within its second: the connection goes back before the pool closes
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return listening != null;
    }

    private void listen() {
        boolean connectedBefore = false;
        while (listening == Thread.currentThread()) {
            try (Connection listener = dataSource.getConnection()) {
                try (Statement statement = listener.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                if (connectedBefore) {
                    // Changes committed while the connection was down were not heard: pages ask for the state again.
                    log.info("Listening for registration changes again");
                    events.publishEvent(new RegistrationChangesMissed());
                }
                connectedBefore = true;
                PGConnection notifications = listener.unwrap(PGConnection.class);
                while (listening == Thread.currentThread()) {
                    PGNotification[] received = notifications.getNotifications(1_000);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            for (String id : notification.getParameter().split(",")) {
                                events.publishEvent(new RegistrationChanged(id));
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                if (listening != Thread.currentThread()) {
                    return;
                }
                log.warn("Not hearing registration changes (status pages wait), retrying in 1 s: {}", e.toString());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Registration changes may have been missed (the listening connection was lost): every page reads its state. */
    public record RegistrationChangesMissed() {
    }
}
