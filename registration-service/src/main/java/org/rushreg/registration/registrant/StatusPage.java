package org.rushreg.registration.registrant;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.SessionDefinition;

/** What the status and manage pages show of a registration: its state and each session by its title. */
public record StatusPage(String registrationId, String eventId, String eventName, String status, String reason,
                         List<Row> sessions) {

    public record Row(String sessionId, String title, String status, Integer waitlistPosition) {
    }

    public boolean decided() {
        return !"PENDING".equals(status);
    }

    static StatusPage of(RegistrationStatusView registration, EventDefinition event) {
        Map<String, String> titles = event == null ? Map.of() : event.sessions().stream()
                .collect(Collectors.toMap(SessionDefinition::id, SessionDefinition::title));
        return new StatusPage(registration.registrationId(), registration.eventId(),
                event == null ? registration.eventId() : event.name(), registration.status(), registration.reason(),
                registration.sessions().stream()
                        .map(s -> new Row(s.sessionId(), titles.getOrDefault(s.sessionId(), s.sessionId()),
                                s.status(), s.waitlistPosition()))
                        .toList());
    }
}
