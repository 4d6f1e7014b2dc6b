package org.rushreg.notification.rendering;

import java.util.Set;
import org.springframework.stereotype.Component;

/** The stamps of the calendar files: the organiser of all, each entry's sequence from {@link CalendarSequences}. */
@Component
public class SessionCalendars {

    private final String organizer;
    private final CalendarSequences sequences;

    SessionCalendars(CalendarSettings settings, CalendarSequences sequences) {
        this.organizer = settings.organizer();
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
