package org.rushreg.registration.organiser.attendees;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A registration as the organiser sees it: who, from where, whether they want news about future events (the optional
 * consent, false once withdrawn), and where it stands in each asked-for session.
 */
public record Attendee(String registrationId, String status, String reason, String firstName, String lastName,
                       String email, String organisation, String sector, String locale, Instant registeredAt,
                       Instant decidedAt, boolean optionalConsent, List<SessionState> sessions) {

    private static final DateTimeFormatter MINUTES_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    public record SessionState(String sessionId, String status, Integer waitlistPosition) {
    }

    /** The status in one session, or null when it was not asked for. */
    public SessionState session(String sessionId) {
        return sessions.stream().filter(s -> s.sessionId().equals(sessionId)).findFirst().orElse(null);
    }

    /** When it was registered, to the minute in UTC, for the page. */
    public String registeredAtUtc() {
        return registeredAt == null ? "" : MINUTES_UTC.format(registeredAt);
    }

    public String name() {
        return ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
    }

    /** Still holds or waits for a seat, so an organiser may cancel it. */
    public boolean cancellable() {
        return "PENDING".equals(status) || "CONFIRMED".equals(status) || "WAITLISTED".equals(status);
    }
}
