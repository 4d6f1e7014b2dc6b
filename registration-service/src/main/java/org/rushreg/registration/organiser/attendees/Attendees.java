package org.rushreg.registration.organiser.attendees;

import java.text.Collator;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rushreg.messages.CancelRegistration;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.messages.tickets.Ticket;
import org.rushreg.registration.catalogue.EventCatalogue;
import org.rushreg.registration.catalogue.UnknownEventException;
import org.rushreg.registration.commands.CommandLog;
import org.rushreg.registration.organiser.audit.AuditTrail;
import org.rushreg.registration.organiser.audit.OrganiserAction;
import org.rushreg.registration.tickets.BadgePdf;
import org.rushreg.registration.tickets.Tickets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * What an organiser does with the people registered for an event: find them, export them, cancel a registration
 * on someone's behalf. Exports and cancellations are written to the audit log, naming registrations by id only.
 */
@Service
class Attendees {

    private static final Logger log = LoggerFactory.getLogger(Attendees.class);

    static final int PAGE_SIZE = 50;
    /** Badges in the order of a Polish list: by last name, then first name, letters compared as Polish sorts them. */
    private static final Comparator<String> NAMES = Comparator.nullsLast(
            Collator.getInstance(Locale.forLanguageTag("pl"))::compare);

    private final EventCatalogue catalogue;
    private final AttendeeDirectory directory;
    private final CommandLog commandLog;
    private final AuditTrail audit;
    private final TransactionTemplate transaction;
    private final Tickets tickets;
    private final BadgePdf badges;

    Attendees(EventCatalogue catalogue, AttendeeDirectory directory, CommandLog commandLog, AuditTrail audit,
              TransactionTemplate transaction, Tickets tickets, BadgePdf badges) {
        this.tickets = tickets;
        this.badges = badges;
        this.catalogue = catalogue;
        this.directory = directory;
        this.commandLog = commandLog;
        this.audit = audit;
        this.transaction = transaction;
    }

    EventDefinition event(String eventId) {
        return catalogue.find(eventId).orElseThrow(() -> new UnknownEventException(eventId));
    }

    AttendeeDirectory.Page search(String eventId, String query, String status, int page) {
        event(eventId);
        return directory.search(eventId, query, status, Math.max(0, page), PAGE_SIZE);
    }

    /** The event's sessions in its own order, then any other session a registration names (one removed since). */
    List<String> sessionIds(EventDefinition event, List<Attendee> attendees) {
        Set<String> ids = new LinkedHashSet<>(event.sessions().stream().map(SessionDefinition::id).toList());
        attendees.forEach(a -> a.sessions().forEach(s -> ids.add(s.sessionId())));
        return List.copyOf(ids);
    }

    byte[] csv(String eventId, String organiser, CsvExport.Separator separator) {
        EventDefinition event = event(eventId);
        List<Attendee> attendees = directory.all(eventId);
        audit.record(organiser, OrganiserAction.EXPORT_CSV, eventId, null, attendees.size() + " registrations");
        log.info("Event {}: {} registrations exported as CSV by organiser {}", eventId, attendees.size(), organiser);
        return CsvExport.of(sessionIds(event, attendees), attendees, separator);
    }

    byte[] xlsx(String eventId, String organiser) {
        EventDefinition event = event(eventId);
        List<Attendee> attendees = directory.all(eventId);
        audit.record(organiser, OrganiserAction.EXPORT_XLSX, eventId, null, attendees.size() + " registrations");
        log.info("Event {}: {} registrations exported as XLSX by organiser {}", eventId, attendees.size(), organiser);
        return XlsxExport.of(sessionIds(event, attendees), attendees);
    }

    /**
     * Name badges of the event's confirmed people, or of those among {@code registrationIds} when some are given
     * (in the list's order), each with the ticket's QR code. Registrations not confirmed are left out.
     */
    byte[] badges(String eventId, String organiser, List<String> registrationIds, BadgePdf.Size size) {
        EventDefinition event = event(eventId);
        List<Attendee> confirmed = directory.all(eventId).stream()
                .filter(a -> "CONFIRMED".equals(a.status()))
                .filter(a -> registrationIds.isEmpty() || registrationIds.contains(a.registrationId()))
                .sorted(registrationIds.isEmpty() ? Comparator.comparing(Attendee::lastName, NAMES)
                        .thenComparing(Attendee::firstName, NAMES)
                        : Comparator.comparingInt(a -> registrationIds.indexOf(a.registrationId())))
                .toList();
        audit.record(organiser, OrganiserAction.EXPORT_BADGES, eventId, null, confirmed.size() + " badges");
        log.info("Event {}: {} badges printed by organiser {}", eventId, confirmed.size(), organiser);
        return badges.render(event.name(), confirmed.stream().map(a -> {
            Ticket ticket = tickets.issue(eventId, a.registrationId());
            return new BadgePdf.Badge(a.name(), a.organisation() == null ? "" : a.organisation(),
                    ticket.shortCode(), ticket.code());
        }).toList(), size);
    }

    List<Attendee> json(String eventId, String organiser) {
        event(eventId);
        List<Attendee> attendees = directory.all(eventId);
        audit.record(organiser, OrganiserAction.EXPORT_JSON, eventId, null, attendees.size() + " registrations");
        log.info("Event {}: {} registrations exported as JSON by organiser {}", eventId, attendees.size(), organiser);
        return attendees;
    }

    /**
     * Publishes a {@link CancelRegistration} for the registrant, as their manage link would; the capacity service
     * frees the seats and promotes the waitlist. False when the registration holds nothing to cancel any more.
     */
    boolean cancel(String eventId, String registrationId, String organiser) {
        Attendee attendee = directory.find(eventId, registrationId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "There is no registration with id '" + registrationId + "' for event " + eventId));
        if (!attendee.cancellable()) {
            return false;
        }
        transaction.executeWithoutResult(tx -> {
            audit.record(organiser, OrganiserAction.REGISTRATION_CANCELLED, eventId, registrationId,
                    "cancelled on the registrant's behalf (was " + attendee.status() + ")");
            commandLog.append(CancelRegistration.of(eventId, registrationId));
        });
        log.info("Registration {} for event {}: cancellation requested by organiser {}", registrationId, eventId,
                organiser);
        return true;
    }
}
