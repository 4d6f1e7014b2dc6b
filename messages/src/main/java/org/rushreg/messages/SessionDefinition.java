package org.rushreg.messages;

import java.time.Instant;

/**
 * A part of an event people register for: a day, a panel, a study walk. {@code cancelled}: the organiser called it
 * off (decision 0036); it stays in the definition, so its title and time are still known, but nobody holds or gets a
 * seat in it. Absent (as in definitions written before the option) or false: it takes place; kept as null then, so a
 * definition without cancellations reads and writes as before. {@code titles} and {@code descriptions}: the title and
 * what it is about, in Polish and English (decision 0045); absent, the single {@code title} is shown to everyone.
 */
public record SessionDefinition(String id, String title, Instant startsAt, Instant endsAt, int capacity,
                                Boolean cancelled, Texts titles, Texts descriptions) {

    public SessionDefinition {
        cancelled = Boolean.TRUE.equals(cancelled) ? Boolean.TRUE : null;
        titles = Texts.orNull(titles);
        descriptions = Texts.orNull(descriptions);
    }

    /** A session with its single title only. */
    public SessionDefinition(String id, String title, Instant startsAt, Instant endsAt, int capacity,
                             Boolean cancelled) {
        this(id, title, startsAt, endsAt, capacity, cancelled, null, null);
    }

    /** A session that takes place. */
    public SessionDefinition(String id, String title, Instant startsAt, Instant endsAt, int capacity) {
        this(id, title, startsAt, endsAt, capacity, null);
    }

    /** Whether it takes place: not cancelled by the organiser. */
    public boolean offered() {
        return !Boolean.TRUE.equals(cancelled);
    }

    /** The same session, called off. */
    public SessionDefinition withCancelled(boolean cancelled) {
        return new SessionDefinition(id, title, startsAt, endsAt, capacity, cancelled, titles, descriptions);
    }

    /** The same session with its title and description in Polish and English (either may be null). */
    public SessionDefinition withTexts(Texts titles, Texts descriptions) {
        return new SessionDefinition(id, title, startsAt, endsAt, capacity, cancelled, titles, descriptions);
    }

    /**
     * The title for a reader of {@code language} ("pl", "en"): that language's title, else the other language's,
     * else the single {@code title}.
     */
    public String titleIn(String language) {
        return Texts.in(titles, language, title);
    }

    /** What the session is about, for a reader of {@code language}; null when the organiser wrote nothing. */
    public String descriptionIn(String language) {
        return Texts.in(descriptions, language, null);
    }

    /** True when the two sessions take place, at least in part, at the same time. */
    public boolean overlaps(SessionDefinition other) {
        return startsAt.isBefore(other.endsAt) && other.startsAt.isBefore(endsAt);
    }
}
