package org.rushreg.registration.organiser.people;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.rushreg.messages.EventDefinition;

/**
 * The moments on the personal-data pages as the organiser reads the event's other times: local times of the event's
 * time zone, which the page names once. The JSON download keeps them as UTC instants, for programs.
 */
public record EventTimes(ZoneId zone) {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    static EventTimes of(EventDefinition event) {
        return new EventTimes(event.zone());
    }

    /** {@code instant} as a local date and time of the event's zone; null for none. */
    public String local(Instant instant) {
        return instant == null ? null : SECONDS.format(instant.atZone(zone));
    }

    /** {@code instant} in UTC to the second, for a {@code <time datetime>} (HTML allows at most milliseconds). */
    public String iso(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
