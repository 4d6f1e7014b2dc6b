package org.rushreg.registration.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code registration.seats.remaining} (tags {@code event}, {@code session}): the seats left as the read model
 * holds them. Read from the database, not from the records this instance consumed, so every instance reports the
 * same value whichever of them reads an event's partition.
 */
@Component
class SeatGauges {

    private final JdbcClient jdbc;
    private final MultiGauge remaining;

    SeatGauges(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.remaining = MultiGauge.builder("registration.seats.remaining")
                .description("Seats left per session, as last reported by the capacity service")
                .register(meters);
    }

    @Scheduled(initialDelayString = "PT1S", fixedDelayString = "PT5S")
    void refresh() {
        remaining.register(jdbc.sql("""
                        select event_id, id, greatest(0, coalesce(reported_capacity, capacity) - confirmed) as remaining
                        from sessions
                        """)
                .query((rs, n) -> MultiGauge.Row.of(Tags.of("event", rs.getString("event_id"), "session",
                        rs.getString("id")), rs.getInt("remaining")))
                .list(), true);
    }
}
