package org.rushreg.messages;

import java.time.LocalDate;

/** What an email about an event needs to say about it. */
public record EventSummary(String id, String name, String venue, String venueAddress, String timeZone,
                           LocalDate startsOn, LocalDate endsOn, String organiserEmail) {

    public static EventSummary of(EventDefinition event) {
        return new EventSummary(event.id(), event.name(), event.venue(), event.venueAddress(), event.timeZone(),
                event.startsOn(), event.endsOn(), event.organiserEmail());
    }
}
