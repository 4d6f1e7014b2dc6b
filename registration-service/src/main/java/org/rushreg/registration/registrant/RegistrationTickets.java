package org.rushreg.registration.registrant;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.messages.tickets.Ticket;
import org.rushreg.registration.catalogue.EventCatalogue;
import org.rushreg.registration.tickets.TicketPdf;
import org.rushreg.registration.tickets.Tickets;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Which registration has a ticket, and what its ticket says: a registration holding at least one confirmed seat has
 * one (the status CONFIRMED); waiting, a waitlist place, a refusal or a cancellation has none. The code is the same
 * one the confirmation email carries and does not change with the sessions.
 */
@Component
class RegistrationTickets {

    /** What a check of a ticket code finds (docs/decisions/0021). */
    enum CheckResult {
        /** genuine, and the registration holds a seat now */
        VALID,
        /** genuine, but the registration was cancelled since */
        CANCELLED,
        /** genuine, but the registration holds no seat now (none was confirmed) */
        NOT_CONFIRMED,
        /** genuine, for another event */
        OTHER_EVENT,
        /** not a code of ours: forged, altered, mistyped, or of a registration this service does not know */
        UNKNOWN
    }

    record Check(CheckResult result, String registrationId, String shortCode, List<String> confirmedSessions) {

        static Check unknown() {
            return new Check(CheckResult.UNKNOWN, null, null, List.of());
        }
    }

    private final Tickets tickets;
    private final Registrations registrations;
    private final EventCatalogue catalogue;
    private final MessageSource messages;

    RegistrationTickets(Tickets tickets, Registrations registrations, EventCatalogue catalogue,
                        MessageSource messages) {
        this.tickets = tickets;
        this.registrations = registrations;
        this.catalogue = catalogue;
        this.messages = messages;
    }

    Optional<Ticket> of(StatusPage registration) {
        return "CONFIRMED".equals(registration.status())
                ? Optional.of(tickets.issue(registration.eventId(), registration.registrationId()))
                : Optional.empty();
    }

    /** @throws NoTicketException when the registration holds no seat */
    Ticket required(StatusPage registration) {
        return of(registration).orElseThrow(() -> new NoTicketException(registration.registrationId(),
                registration.status()));
    }

    byte[] qrPng(Ticket ticket) {
        return tickets.qrPng(ticket);
    }

    /** A code checked against its signature and then against the registration's state now. */
    Check check(String eventId, String code) {
        Optional<Ticket> verified = tickets.verify(code);
        if (verified.isEmpty()) {
            return Check.unknown();
        }
        Ticket ticket = verified.get();
        if (!ticket.eventId().equals(eventId)) {
            return new Check(CheckResult.OTHER_EVENT, null, null, List.of());
        }
        RegistrationStatusView registration;
        try {
            registration = registrations.status(ticket.registrationId());
        } catch (UnknownRegistrationException e) {
            return Check.unknown();
        }
        List<String> confirmed = registration.sessions().stream()
                .filter(s -> "CONFIRMED".equals(s.status())).map(RegistrationStatusView.SessionState::sessionId)
                .toList();
        CheckResult result = switch (registration.status()) {
            case "CONFIRMED" -> CheckResult.VALID;
            case "CANCELLED" -> CheckResult.CANCELLED;
            default -> CheckResult.NOT_CONFIRMED;
        };
        return new Check(result, ticket.registrationId(), ticket.shortCode(), confirmed);
    }

    /** The printable ticket in the reader's language, the sessions' times in the event's time zone. */
    TicketPdf.Sheet sheet(StatusPage registration, Ticket ticket, String attendee, Locale locale) {
        EventDefinition event = catalogue.find(registration.eventId()).orElse(null);
        Map<String, SessionDefinition> sessions = event == null ? Map.of() : event.sessions().stream()
                .collect(Collectors.toMap(SessionDefinition::id, Function.identity()));
        ZoneId zone = zoneOf(event);
        List<String> confirmed = registration.sessions().stream()
                .filter(s -> "CONFIRMED".equals(s.status()))
                .map(s -> line(s.title(), sessions.get(s.sessionId()), zone, locale))
                .toList();
        String when = event == null || event.startsOn() == null ? null : dates(event, locale);
        String venue = event == null ? null
                : event.venueAddress() == null ? event.venue() : event.venue() + ", " + event.venueAddress();
        return new TicketPdf.Sheet(locale.getLanguage(), text("ticket.pdf.heading", locale),
                registration.eventName(), when, venue, text("ticket.pdf.attendee", locale), attendee,
                text("ticket.pdf.sessions", locale), confirmed, text("ticket.code", locale), ticket.shortCode(),
                ticket.code(), text("ticket.pdf.note", locale));
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    private static String line(String title, SessionDefinition session, ZoneId zone, Locale locale) {
        if (session == null || session.startsAt() == null) {
            return title;
        }
        DateTimeFormatter dateTime = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", locale);
        ZonedDateTime start = session.startsAt().atZone(zone);
        String time = dateTime.format(start);
        if (session.endsAt() != null) {
            ZonedDateTime end = session.endsAt().atZone(zone);
            time += "–" + (start.toLocalDate().equals(end.toLocalDate())
                    ? DateTimeFormatter.ofPattern("HH:mm", locale).format(end) : dateTime.format(end));
        }
        return title + " (" + time + ")";
    }

    private static String dates(EventDefinition event, Locale locale) {
        DateTimeFormatter date = DateTimeFormatter.ofPattern("d MMMM yyyy", locale);
        return event.endsOn() == null || event.endsOn().equals(event.startsOn()) ? date.format(event.startsOn())
                : date.format(event.startsOn()) + " – " + date.format(event.endsOn());
    }

    private static ZoneId zoneOf(EventDefinition event) {
        return event == null ? ZoneOffset.UTC : event.zone();
    }
}
