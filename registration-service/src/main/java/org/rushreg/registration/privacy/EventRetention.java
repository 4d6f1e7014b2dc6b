package org.rushreg.registration.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.rushreg.messages.EventDefinition;
import org.rushreg.registration.catalogue.EventCatalogue;
import org.rushreg.registration.organiser.audit.AuditTrail;
import org.rushreg.registration.organiser.audit.OrganiserAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forgets the people of an event once its retention period is over (issue 14, docs/personal-data.md): their names,
 * addresses, organisations, languages and consents go from the read model, and the keys of their requests with
 * them; what the organiser's statistics need stays (each registration's status, sessions and sector, the seat
 * counts). One transaction per event, with its audit entry and the mark that it is done, so a crash in between
 * leaves the event to be erased again on the next check, never half erased. Several instances may run the check
 * at once: the mark is set only where it was not, so one of them erases and records it.
 *
 * <p>The other services hold the event's people too: an {@link org.rushreg.messages.EventPersonalDataExpired} sent
 * in the same transaction tells each of them to forget them (decision 0039). The send waits for the broker before the
 * commit; a crash between the two sends it again on the next check, which every service carries out idempotently.
 */
@Component
public class EventRetention {

    private static final Logger log = LoggerFactory.getLogger(EventRetention.class);
    static final String ACTOR = "retention";

    private final EventCatalogue catalogue;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final RetentionProperties properties;
    private final Clock clock;
    private final PersonalDataErasure erasure;
    private final EventExpirations expirations;

    EventRetention(EventCatalogue catalogue, JdbcClient jdbc, TransactionTemplate transactions, AuditTrail audit,
                   RetentionProperties properties, Clock clock, PersonalDataErasure erasure,
                   EventExpirations expirations) {
        this.erasure = erasure;
        this.expirations = expirations;
        this.catalogue = catalogue;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** Erases every event whose retention is over and that still holds personal data; the ids erased now. */
    @Scheduled(initialDelayString = "${rushreg.retention.first-check-after:PT1M}",
            fixedDelayString = "${rushreg.retention.check-every:PT1H}")
    public List<String> eraseExpired() {
        Instant now = clock.instant();
        List<String> kept = jdbc.sql("select id from events where personal_data_erased_at is null")
                .query(String.class).list();
        return catalogue.all().stream()
                .filter(event -> kept.contains(event.id()))
                .filter(event -> expired(event, now))
                .filter(event -> erase(event, now))
                .map(EventDefinition::id)
                .toList();
    }

    private boolean expired(EventDefinition event, Instant now) {
        Instant expiresAt = event.personalDataExpiresAt(properties.defaultDays());
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    private boolean erase(EventDefinition event, Instant now) {
        try {
            return eraseNow(event, now);
        } catch (RuntimeException e) {
            // The broker (or the database) is away: the event stays as it was, for the next check; the others go on.
            log.warn("Event {}: retention is over but its people could not be erased now, next check tries again ({})",
                    event.id(), e.toString());
            return false;
        }
    }

    private boolean eraseNow(EventDefinition event, Instant now) {
        Integer erased = transactions.execute(status -> {
            int marked = jdbc.sql("update events set personal_data_erased_at = :now "
                            + "where id = :event and personal_data_erased_at is null")
                    .param("now", java.sql.Timestamp.from(now)).param("event", event.id()).update();
            if (marked == 0) {
                return null;
            }
            int registrations = erasure.eraseEvent(event.id());
            audit.record(ACTOR, OrganiserAction.PERSONAL_DATA_ERASED, event.id(), null, registrations
                    + " registrations: names, addresses, organisations, languages and consents erased, "
                    + retentionDays(event) + " days after the event");
            // Last, waiting for the broker: refused, the transaction rolls back and the next check tries again.
            expirations.publish(event.id());
            return registrations;
        });
        if (erased == null) {
            return false;
        }
        log.info("Event {}: personal data of {} registrations erased, its retention of {} days is over; the other "
                        + "services told",
                event.id(), erased, retentionDays(event));
        return true;
    }

    private int retentionDays(EventDefinition event) {
        return event.personalDataRetentionDays() != null ? event.personalDataRetentionDays() : properties.defaultDays();
    }
}
