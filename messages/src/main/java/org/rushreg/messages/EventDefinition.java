package org.rushreg.messages;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What an event is: its name and place, its days, when registration is open, whether full sessions keep a
 * waitlist, and its sessions. {@code timeZone} is an IANA zone id such as {@code Europe/Warsaw}; a null
 * {@code registrationOpensAt} or {@code registrationClosesAt} leaves that side of the window open.
 */
public record EventDefinition(String id, String name, String venue, String venueAddress, String timeZone,
                              LocalDate startsOn, LocalDate endsOn, Instant registrationOpensAt,
                              Instant registrationClosesAt, boolean waitlistEnabled, String organiserEmail,
                              List<SessionDefinition> sessions) {

    public EventDefinition {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }

    public boolean registrationOpenAt(Instant moment) {
        return (registrationOpensAt == null || !moment.isBefore(registrationOpensAt))
                && (registrationClosesAt == null || moment.isBefore(registrationClosesAt));
    }
}
