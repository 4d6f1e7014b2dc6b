package org.rushreg.registration.readmodel;

import java.sql.Timestamp;
import org.rushreg.messages.SeatAvailability;
import org.rushreg.messages.SessionSeats;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the seat counts of each session as last reported; an older report than the one applied is ignored. */
@Component
class AvailabilityProjection {

    private final JdbcClient jdbc;

    AvailabilityProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    void apply(SeatAvailability availability) {
        int newer = jdbc.sql("""
                update events set availability_as_of = :asOf
                where id = :event and (availability_as_of is null or availability_as_of <= :asOf)
                """)
                .param("event", availability.eventId())
                .param("asOf", Timestamp.from(availability.asOf() != null ? availability.asOf() : availability.createdAt()))
                .update();
        if (newer == 0) {
            return;
        }
        for (SessionSeats seats : availability.sessions()) {
            jdbc.sql("""
                    update sessions set confirmed = :confirmed, waitlisted = :waitlisted,
                        reported_capacity = :capacity
                    where event_id = :event and id = :session
                    """)
                    .param("confirmed", seats.confirmed()).param("waitlisted", seats.waitlisted())
                    .param("capacity", seats.capacity())
                    .param("event", availability.eventId()).param("session", seats.sessionId())
                    .update();
        }
    }
}
