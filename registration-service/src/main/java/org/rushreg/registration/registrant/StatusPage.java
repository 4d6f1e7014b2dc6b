package org.rushreg.registration.registrant;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.SessionDefinition;

/**
 * What the status and manage pages show of a registration: its state and each session by its title; for one HELD
 * for email verification, when the hold ends ({@code heldUntil}, in the event's time zone; null otherwise; decision
 * 0030).
 */
public record StatusPage(String registrationId, String eventId, String eventName, String status, String reason,
                         List<Row> sessions, String heldUntil) {

    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("d.MM.yyyy HH:mm");

    public record Row(String sessionId, String title, String status, Integer waitlistPosition) {
    }

    public boolean decided() {
        return !"PENDING".equals(status);
    }

    public boolean held() {
        return "HELD".equals(status);
    }

    /** {@code language}: the reader's ("pl", "en"), for the event's name and the sessions' titles. */
    static StatusPage of(RegistrationStatusView registration, EventDefinition event, Instant heldUntil,
                         String language) {
        Map<String, String> titles = event == null ? Map.of() : event.sessions().stream()
                .collect(Collectors.toMap(SessionDefinition::id, s -> s.titleIn(language)));
        return new StatusPage(registration.registrationId(), registration.eventId(),
                event == null ? registration.eventId() : event.nameIn(language), registration.status(), registration.reason(),
                registration.sessions().stream()
                        .map(s -> new Row(s.sessionId(), titles.getOrDefault(s.sessionId(), s.sessionId()),
                                s.status(), s.waitlistPosition()))
                        .toList(),
                heldUntil == null ? null : DAY_AND_TIME.format(heldUntil.atZone(zoneOf(event))));
    }

    private static ZoneId zoneOf(EventDefinition event) {
        return event == null ? ZoneOffset.UTC : event.zone();
    }
}
