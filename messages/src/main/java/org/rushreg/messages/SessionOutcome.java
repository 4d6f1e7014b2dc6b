package org.rushreg.messages;

import java.time.Instant;

/**
 * One session of a registration: what it is (so an email or calendar entry can be written from the message
 * alone) and what was decided. {@code waitlistPosition} is 1-based and present only when WAITLISTED. {@code titles}:
 * the title in Polish and English where the organiser gave them (decision 0045); absent in outcomes written before.
 */
public record SessionOutcome(String sessionId, String title, Instant startsAt, Instant endsAt,
                             SessionStatus status, Integer waitlistPosition, Texts titles) {

    public SessionOutcome {
        titles = Texts.orNull(titles);
    }

    /** A session outcome with its single title only. */
    public SessionOutcome(String sessionId, String title, Instant startsAt, Instant endsAt, SessionStatus status,
                          Integer waitlistPosition) {
        this(sessionId, title, startsAt, endsAt, status, waitlistPosition, null);
    }

    /** The title for a reader of {@code language}: theirs, else the other language's, else the single title. */
    public String titleIn(String language) {
        return Texts.in(titles, language, title);
    }
}
