package org.rushreg.messages;

import java.time.LocalDate;

/**
 * What an email about an event needs to say about it. {@code names}: the name in Polish and English where the
 * organiser gave them (decision 0045); absent in summaries written before.
 */
public record EventSummary(String id, String name, String venue, String venueAddress, String timeZone,
                           LocalDate startsOn, LocalDate endsOn, String organiserEmail, Texts names) {

    public EventSummary {
        names = Texts.orNull(names);
    }

    /** A summary with the event's single name only. */
    public EventSummary(String id, String name, String venue, String venueAddress, String timeZone,
                        LocalDate startsOn, LocalDate endsOn, String organiserEmail) {
        this(id, name, venue, venueAddress, timeZone, startsOn, endsOn, organiserEmail, null);
    }

    public static EventSummary of(EventDefinition event) {
        return new EventSummary(event.id(), event.name(), event.venue(), event.venueAddress(), event.timeZone(),
                event.startsOn(), event.endsOn(), event.organiserEmail(), event.names());
    }

    /** The name for a reader of {@code language}: theirs, else the other language's, else the single name. */
    public String nameIn(String language) {
        return Texts.in(names, language, name);
    }
}
