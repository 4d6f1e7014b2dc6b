package org.rushreg.notification.rendering;

import java.util.Set;

/** The stamps of the calendar files: the organiser of all, each entry's sequence from {@link CalendarSequences}. */
public class SessionCalendars {

    private final String organizer;
    private final CalendarSequences sequences;

    public SessionCalendars(String organizer, CalendarSequences sequences) {
        this.organizer = organizer;
        this.sequences = sequences;
    }

    /**
     * The stamp of the files one message produces. {@code firstDecision}: the registration's first decision, whose
     * entries are new (sequence 0, nothing stored); any later message bumps and stores each entry it writes.
     */
    public CalendarStamp stamp(String registrationId, String decisionId, boolean firstDecision,
                               Set<String> sessionIds) {
        if (firstDecision || sessionIds.isEmpty()) {
            return CalendarStamp.first(organizer);
        }
        return new CalendarStamp(organizer, sequences.next(registrationId, decisionId, sessionIds));
    }

    public String organizer() {
        return organizer;
    }
}
