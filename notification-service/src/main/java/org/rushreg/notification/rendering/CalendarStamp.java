package org.rushreg.notification.rendering;

import java.util.Map;

/**
 * What one email's calendar files need beyond the notice: the ORGANIZER address and the SEQUENCE of each session's
 * entry for this email ({@link CalendarSequences}); a session missing from the map is at 0.
 */
public record CalendarStamp(String organizer, Map<String, Integer> sequences) {

    public CalendarStamp {
        if (organizer == null || organizer.isBlank()) {
            throw new IllegalArgumentException("A calendar file needs an organiser address (RFC 5546)");
        }
        sequences = sequences == null ? Map.of() : Map.copyOf(sequences);
    }

    /** The stamp of a registration's first files: every entry is new, at sequence 0. */
    public static CalendarStamp first(String organizer) {
        return new CalendarStamp(organizer, Map.of());
    }

    public int sequenceOf(String sessionId) {
        return sequences.getOrDefault(sessionId, 0);
    }
}
