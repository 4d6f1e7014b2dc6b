package org.rushreg.registration.organiser.noshow;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.ReleaseNoShows;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.registration.catalogue.EventCatalogue;
import org.rushreg.registration.catalogue.UnknownEventException;
import org.rushreg.registration.commands.CommandLog;
import org.rushreg.registration.organiser.audit.AuditTrail;
import org.rushreg.registration.organiser.audit.OrganiserAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * An organiser releases the seats of a session's no-shows (decision 0029): checked here against the catalogue (the
 * event releases no-shows, the session has started that many minutes ago), audited, and appended as a
 * {@link ReleaseNoShows} to the event's log, where the capacity-service decides it with the same checks and the
 * seats and scans it holds. Who was released and who promoted reaches the read model as any change does.
 */
@Service
public class NoShowReleases {

    private static final Logger log = LoggerFactory.getLogger(NoShowReleases.class);

    private final EventCatalogue catalogue;
    private final CommandLog commandLog;
    private final AuditTrail audit;
    private final TransactionTemplate transaction;
    private final Clock clock;

    NoShowReleases(EventCatalogue catalogue, CommandLog commandLog, AuditTrail audit, TransactionTemplate transaction,
                   Clock clock) {
        this.catalogue = catalogue;
        this.commandLog = commandLog;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** A release asked for: its id, and the message id that the released registrations' changes name. */
    public record Requested(String releaseId, String commandId, String eventId, String sessionId,
                            Instant releasableFrom) {
    }

    /** A session whose no-shows can be released, from when, and whether the service does it then by itself. */
    public record Releasable(String sessionId, String title, Instant from, boolean now, boolean automatic) {
    }

    /** The sessions of an event whose no-shows may be released, for the organiser's page; empty when it has none. */
    public List<Releasable> releasable(String eventId) {
        Instant now = clock.instant();
        return catalogue.find(eventId).map(event -> event.sessions().stream()
                .filter(session -> event.noShowReleaseFrom(session) != null)
                .map(session -> new Releasable(session.id(),
                        session.titleIn(LocaleContextHolder.getLocale().getLanguage()), event.noShowReleaseFrom(session),
                        !now.isBefore(event.noShowReleaseFrom(session)), event.releasesNoShowsAutomatically()))
                .toList()).orElse(List.of());
    }

    /**
     * Appends the release. 404 for an unknown event or session; 409 when the event does not release no-shows or the
     * session started less than its minutes ago.
     */
    public Requested request(String eventId, String sessionId, String organiser) {
        EventDefinition event = catalogue.find(eventId).orElseThrow(() -> new UnknownEventException(eventId));
        SessionDefinition session = event.sessions().stream().filter(s -> s.id().equals(sessionId)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "Event " + eventId + " has no session '" + sessionId + "'"));
        Instant from = event.noShowReleaseFrom(session);
        if (from == null) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "Event " + eventId
                    + " does not release no-shows' seats: set noShowReleaseMinutes in the event first");
        }
        if (clock.instant().isBefore(from)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "The no-shows of session " + sessionId
                    + " can be released from " + from + " (" + event.noShowReleaseMinutes()
                    + " minutes after it starts)");
        }
        String releaseId = UUID.randomUUID().toString();
        ReleaseNoShows command = ReleaseNoShows.of(eventId, sessionId, releaseId);
        transaction.executeWithoutResult(tx -> {
            audit.record(organiser, OrganiserAction.NO_SHOWS_RELEASED, eventId, null,
                    "session " + sessionId + ", release " + releaseId);
            commandLog.append(command);
        });
        log.info("Event {} session {}: no-show release {} requested by organiser {}", eventId, sessionId, releaseId,
                organiser);
        return new Requested(releaseId, command.messageId(), eventId, sessionId, from);
    }
}
