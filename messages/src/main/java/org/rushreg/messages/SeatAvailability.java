package org.rushreg.messages;

import java.time.Instant;
import java.util.List;

/** The seats of every session of an event as of a moment; compacted by event id, so the latest one stays. */
public record SeatAvailability(String messageId, Instant createdAt, int schemaVersion, String eventId, Instant asOf,
                               List<SessionSeats> sessions) {

    public SeatAvailability {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }

    public static SeatAvailability of(String eventId, Instant asOf, List<SessionSeats> sessions) {
        return new SeatAvailability(Schema.newMessageId(), Schema.now(), Schema.VERSION, eventId, asOf, sessions);
    }
}
