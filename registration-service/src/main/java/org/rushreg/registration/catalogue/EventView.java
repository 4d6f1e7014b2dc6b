package org.rushreg.registration.catalogue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.messages.SessionSeats;
import org.rushreg.messages.Texts;

/**
 * An event as the API shows it, with the live seats of each session. {@code names}, {@code descriptions} (and a
 * session's {@code titles}, {@code descriptions}): the texts in Polish and English, absent where the organiser gave
 * none (decision 0045); pages show the one for their language, {@code name}/{@code title} being the fallback.
 */
public record EventView(String id, String name, String venue, String venueAddress, String timeZone,
                        LocalDate startsOn, LocalDate endsOn, Instant registrationOpensAt,
                        Instant registrationClosesAt, boolean registrationOpen, boolean waitlistEnabled,
                        String organiserEmail, List<SessionView> sessions, Texts names, Texts descriptions) {

    /** The event's name for a reader of {@code language}: theirs, else the other language's, else {@code name}. */
    public String nameIn(String language) {
        return Texts.in(names, language, name);
    }

    /** What the event is about, for a reader of {@code language}; null when the organiser wrote nothing. */
    public String descriptionIn(String language) {
        return Texts.in(descriptions, language, null);
    }

    /** {@code cancelled}: called off by the organiser (decision 0036), no seats to take; shown so the API says so. */
    public record SessionView(String id, String title, Instant startsAt, Instant endsAt, int capacity,
                              int confirmed, int waitlisted, int remaining, boolean cancelled, Texts titles,
                              Texts descriptions) {

        /** The title for a reader of {@code language}: theirs, else the other language's, else {@code title}. */
        public String titleIn(String language) {
            return Texts.in(titles, language, title);
        }

        /** What the session is about, for a reader of {@code language}; null when the organiser wrote nothing. */
        public String descriptionIn(String language) {
            return Texts.in(descriptions, language, null);
        }

        static SessionView of(SessionDefinition session, SessionSeats seats) {
            int confirmed = seats == null ? 0 : seats.confirmed();
            int waitlisted = seats == null ? 0 : seats.waitlisted();
            int remaining = session.offered() ? Math.max(0, session.capacity() - confirmed) : 0;
            return new SessionView(session.id(), session.title(), session.startsAt(), session.endsAt(),
                    session.capacity(), confirmed, waitlisted, remaining, !session.offered(), session.titles(),
                    session.descriptions());
        }
    }

    static EventView of(EventDefinition event, Map<String, SessionSeats> seats, Instant now) {
        return new EventView(event.id(), event.name(), event.venue(), event.venueAddress(), event.timeZone(),
                event.startsOn(), event.endsOn(), event.registrationOpensAt(), event.registrationClosesAt(),
                event.registrationOpenAt(now), event.waitlistEnabled(), event.organiserEmail(),
                event.sessions().stream().map(s -> SessionView.of(s, seats.get(s.id()))).toList(), event.names(),
                event.descriptions());
    }
}
