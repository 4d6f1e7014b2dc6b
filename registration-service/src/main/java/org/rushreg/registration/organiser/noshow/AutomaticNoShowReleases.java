package org.rushreg.registration.organiser.noshow;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.ReleaseNoShows;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.registration.catalogue.EventCatalogue;
import org.rushreg.registration.commands.CommandLog;
import org.rushreg.registration.organiser.audit.AuditTrail;
import org.rushreg.registration.organiser.audit.OrganiserAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Releases the no-shows of every session of an event that asks for it ({@code noShowReleaseAutomatic}, decision
 * 0044) once, at the session's start plus the event's {@code noShowReleaseMinutes}: the same {@link ReleaseNoShows}
 * the organiser's button sends, decided by the capacity-service in the event's order.
 *
 * <p>Each check ({@code rushreg.no-show-release.check-every}, 30 s) reads the events with the option in one query and
 * works out in memory which sessions' moments have come. Only a moment that has come and that this instance has not
 * yet seen taken costs more: a claim row inserted with {@code ON CONFLICT DO NOTHING} in the transaction that audits
 * and sends the command. A second instance inserting the same claim waits for the first one's transaction and then
 * finds the row, so one of them sends, and a restarted instance finds the row too; a send the broker refuses rolls
 * the claim back, and the next check (of any instance) claims it again. A session that has ended, or was called off,
 * is left alone: nobody would get its seats.
 */
@Component
public class AutomaticNoShowReleases {

    private static final Logger log = LoggerFactory.getLogger(AutomaticNoShowReleases.class);
    /** The audit log's actor: the service, not a person. */
    static final String ACTOR = "no-show-release";

    private final EventCatalogue catalogue;
    private final JdbcClient jdbc;
    private final CommandLog commandLog;
    private final AuditTrail audit;
    private final TransactionTemplate transaction;
    private final Clock clock;
    /** Moments due now that are known to be claimed (by this instance or another), so not asked about again. */
    private final Set<Moment> claimed = ConcurrentHashMap.newKeySet();

    AutomaticNoShowReleases(EventCatalogue catalogue, JdbcClient jdbc, CommandLog commandLog, AuditTrail audit,
                            TransactionTemplate transaction, Clock clock) {
        this.catalogue = catalogue;
        this.jdbc = jdbc;
        this.commandLog = commandLog;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** A session's no-shows to release from {@code from}. */
    private record Moment(String eventId, String sessionId, Instant from) {
    }

    /** A release this instance sent. */
    public record Sent(String eventId, String sessionId, String releaseId, String commandId, Instant from) {
    }

    @Scheduled(initialDelayString = "${rushreg.no-show-release.check-every:PT30S}",
            fixedDelayString = "${rushreg.no-show-release.check-every:PT30S}")
    void check() {
        releaseDue();
    }

    /** Sends the release of every session whose moment has come and that nobody has sent yet; what it sent. */
    public List<Sent> releaseDue() {
        Instant now = clock.instant();
        Set<Moment> due = new HashSet<>();
        List<Sent> sent = new ArrayList<>();
        for (EventDefinition event : catalogue.releasingNoShowsAutomatically()) {
            for (SessionDefinition session : event.sessions()) {
                Instant from = event.noShowReleaseFrom(session);
                if (from == null || !session.offered() || now.isBefore(from)
                        || (session.endsAt() != null && !now.isBefore(session.endsAt()))) {
                    continue;
                }
                Moment moment = new Moment(event.id(), session.id(), from);
                due.add(moment);
                if (!claimed.contains(moment)) {
                    release(moment, event.noShowReleaseMinutes(), now).ifPresent(sent::add);
                }
            }
        }
        // what is no longer due (ended, changed) is never asked about again: forgetting it keeps the memory small
        claimed.retainAll(due);
        return sent;
    }

    private Optional<Sent> release(Moment moment, int minutes, Instant now) {
        String releaseId = UUID.randomUUID().toString();
        ReleaseNoShows command = new ReleaseNoShows(Schema.newMessageId(), now, Schema.VERSION, moment.eventId(),
                moment.sessionId(), releaseId);
        try {
            Boolean ours = transaction.execute(tx -> {
                int inserted = jdbc.sql("""
                                insert into no_show_release_claims
                                    (event_id, session_id, release_from, release_id, claimed_at)
                                values (:event, :session, :from, :release, :now)
                                on conflict do nothing
                                """)
                        .param("event", moment.eventId()).param("session", moment.sessionId())
                        .param("from", Timestamp.from(moment.from())).param("release", releaseId)
                        .param("now", Timestamp.from(now))
                        .update();
                if (inserted == 0) {
                    return false;
                }
                audit.record(ACTOR, OrganiserAction.NO_SHOWS_RELEASED_AUTOMATICALLY, moment.eventId(), null,
                        "session " + moment.sessionId() + ", release " + releaseId + ", " + minutes
                                + " minutes after its start");
                // last, waiting for the broker: refused, the claim rolls back and the next check claims it again
                commandLog.append(command);
                return true;
            });
            claimed.add(moment);
            if (!Boolean.TRUE.equals(ours)) {
                return Optional.empty();
            }
            log.info("Event {} session {}: no-show release {} sent automatically ({} minutes after the start)",
                    moment.eventId(), moment.sessionId(), releaseId, minutes);
            return Optional.of(new Sent(moment.eventId(), moment.sessionId(), releaseId, command.messageId(),
                    moment.from()));
        } catch (RuntimeException e) {
            log.warn("Event {} session {}: the automatic no-show release could not be sent now, the next check tries "
                    + "again ({})", moment.eventId(), moment.sessionId(), e.toString());
            return Optional.empty();
        }
    }
}
