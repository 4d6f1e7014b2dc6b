package org.rushreg.registration.registrant;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.rushreg.messages.SessionDefinition;

/**
 * One session offered on the manage page's change form, ticked when the registration holds a seat or a waitlist
 * place in it. A session cancelled by the organiser is not offered (decision 0036).
 */
public record SessionChoice(String sessionId, String title, Instant startsAt, Instant endsAt, boolean chosen) {

    static List<SessionChoice> of(List<SessionDefinition> sessions, StatusPage registration, String language) {
        Set<String> held = registration.sessions().stream()
                .filter(row -> "CONFIRMED".equals(row.status()) || "WAITLISTED".equals(row.status()))
                .map(StatusPage.Row::sessionId).collect(Collectors.toSet());
        return sessions.stream()
                .filter(SessionDefinition::offered)
                .map(s -> new SessionChoice(s.id(), s.titleIn(language), s.startsAt(), s.endsAt(), held.contains(s.id())))
                .toList();
    }
}
