package org.rushreg.registration.organiser.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.rushreg.messages.ConfigureEvent;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.registration.catalogue.EventCatalogue;
import org.rushreg.registration.commands.CommandLog;
import org.rushreg.registration.organiser.audit.AuditTrail;
import org.rushreg.registration.organiser.audit.OrganiserAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates and changes events for the organiser. A change is stored in the catalogue and published as a
 * {@link ConfigureEvent} on the event's command log inside one database transaction: the organiser's answer comes
 * only after the broker has the command, and a refused publish leaves the catalogue as it was. The capacity service
 * applies it in command order, so a raised capacity promotes the head of the waitlist at once.
 */
@Service
public class EventEditor {

    private static final Logger log = LoggerFactory.getLogger(EventEditor.class);

    /** The event as saved; {@code created} when it did not exist before. */
    public record Saved(EventDefinition event, boolean created) {
    }

    private final EventCatalogue catalogue;
    private final CommandLog commandLog;
    private final AuditTrail audit;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;

    EventEditor(EventCatalogue catalogue, CommandLog commandLog, AuditTrail audit, TransactionTemplate transaction,
                JdbcClient jdbc) {
        this.catalogue = catalogue;
        this.commandLog = commandLog;
        this.audit = audit;
        this.transaction = transaction;
        this.jdbc = jdbc;
    }

    /** Saves {@code proposed} as event {@code id}; throws {@link InvalidEventException} naming every bad field. */
    public Saved save(String id, EventDefinition proposed, String organiser) {
        List<EventProblem> problems = new ArrayList<>(EventCheck.problems(id, proposed));
        if (!problems.isEmpty()) {
            throw new InvalidEventException(problems);
        }
        EventDefinition event = new EventDefinition(id, proposed.name().strip(), blankToNull(proposed.venue()),
                blankToNull(proposed.venueAddress()), proposed.timeZone().strip(), proposed.startsOn(),
                proposed.endsOn(), proposed.registrationOpensAt(), proposed.registrationClosesAt(),
                proposed.waitlistEnabled(), blankToNull(proposed.organiserEmail()), proposed.sessions().stream()
                .map(s -> new SessionDefinition(s.id(), s.title().strip(), s.startsAt(), s.endsAt(), s.capacity(),
                        s.cancelled(), s.titles(), s.descriptions()))
                .toList(), proposed.personalDataRetentionDays(), null)
                .withNoShowRelease(proposed.noShowReleaseMinutes(),
                        Boolean.TRUE.equals(proposed.noShowReleaseAutomatic()))
                .withEmailVerification(Boolean.TRUE.equals(proposed.requireEmailVerification()),
                        proposed.verificationHoldMinutes())
                .withTexts(proposed.names(), proposed.descriptions())
                .withPrivacyNotices(proposed.privacyNotices());
        return transaction.execute(tx -> {
            // Holding the event's row keeps two organisers' changes in the same order in the catalogue and the log.
            jdbc.sql("select id from events where id = :id for update").param("id", id).query(String.class).optional();
            Optional<EventDefinition> before = catalogue.find(id);
            before.ifPresent(b -> refuseRemovingTakenSessions(b, event));
            boolean owed = catalogue.save(event);
            if (owed) {
                commandLog.append(ConfigureEvent.of(event));
                catalogue.markPublished(event);
            }
            String changes = EventChanges.describe(before.orElse(null), event);
            audit.record(organiser, before.isPresent() ? OrganiserAction.EVENT_CHANGED : OrganiserAction.EVENT_CREATED,
                    id, null, changes);
            log.info("Catalogue: event {} {} by organiser {}{}: {}", id, before.isPresent() ? "changed" : "created",
                    organiser, owed ? ", ConfigureEvent published" : "", changes);
            return new Saved(event, before.isEmpty());
        });
    }

    /** A session people hold seats or waitlist places in cannot vanish under them; its capacity can go to 0. */
    private void refuseRemovingTakenSessions(EventDefinition before, EventDefinition after) {
        Set<String> kept = after.sessions().stream().map(SessionDefinition::id).collect(Collectors.toSet());
        List<String> removed = before.sessions().stream().map(SessionDefinition::id).filter(s -> !kept.contains(s))
                .toList();
        if (removed.isEmpty()) {
            return;
        }
        Map<String, Long> taken = jdbc.sql("""
                select rs.session_id, count(*) as taken from registration_sessions rs
                join registrations r on r.id = rs.registration_id
                where r.event_id = :event and rs.session_id = any(:sessions)
                  and rs.status in ('PENDING', 'CONFIRMED', 'WAITLISTED')
                group by rs.session_id
                """)
                .param("event", before.id()).param("sessions", removed.toArray(String[]::new))
                .query((rs, n) -> Map.entry(rs.getString("session_id"), rs.getLong("taken")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (!taken.isEmpty()) {
            throw new InvalidEventException(taken.entrySet().stream()
                    .map(e -> new EventProblem("sessions", "in-use", "session '" + e.getKey() + "' has " + e.getValue()
                            + " registrations and cannot be removed; cancel it instead (its people are told and lose"
                            + " their places) or set its capacity to 0"))
                    .toList());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
