package org.rushreg.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.rushreg.messages.EventSummary;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.RegistrationCancelled;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationHeld;
import org.rushreg.messages.RegistrationHoldExpired;
import org.rushreg.messages.RegistrationPromoted;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.RejectionReason;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionStatus;

/** Decisions as the capacity service writes them, about the reference event. */
public final class SampleDecisions {

    /** The tickets' signing key of the tests (TICKET_SIGNING_KEY), made anew for each run. */
    public static final String TICKET_KEY = org.rushreg.messages.tickets.TicketCode.newPrivateKey();

    public static final EventSummary KONGRES = new EventSummary("kongres-2024",
            "IV Kongres Polityki Miejskiej i Regionalnej", "Centrum Konferencyjne Fabryczna CFK_13",
            "ul. Fabryczna 13, Kraków", "Europe/Warsaw", LocalDate.of(2024, 10, 7), LocalDate.of(2024, 10, 8),
            "kongres@example.org");

    public static final SessionOutcome DAY_1 = new SessionOutcome("day-1", "Dzień 1: Rewitalizacja",
            Instant.parse("2024-10-07T07:00:00Z"), Instant.parse("2024-10-07T15:00:00Z"), SessionStatus.CONFIRMED, null);

    public static final SessionOutcome WALK = new SessionOutcome("walk-revitalisation", "Spacer studyjny",
            Instant.parse("2024-10-08T08:00:00Z"), Instant.parse("2024-10-08T10:00:00Z"), SessionStatus.CONFIRMED,
            null);

    /** The calendar stamp of a registration's first files, as the service makes them with MAIL_FROM as organiser. */
    public static final org.rushreg.notification.rendering.CalendarStamp FIRST_FILES =
            org.rushreg.notification.rendering.CalendarStamp.first("no-reply@kongres.example.org");

    private SampleDecisions() {
    }

    public static RegistrationDecided confirmed(String email, String locale, SessionOutcome... sessions) {
        return decided(RegistrationStatus.CONFIRMED, null, new Recipient("Anna", "Nowak", email, locale), sessions);
    }

    public static RegistrationDecided waitlisted(String email, String locale) {
        return decided(RegistrationStatus.WAITLISTED, null, new Recipient("Jan", "Kowalski", email, locale),
                with(WALK, SessionStatus.WAITLISTED, 3));
    }

    public static RegistrationDecided rejected(String email, String locale, RejectionReason reason) {
        return decided(RegistrationStatus.REJECTED, reason, new Recipient("Ewa", "Zielińska", email, locale));
    }

    public static RegistrationDecided decided(RegistrationStatus status, RejectionReason reason, Recipient recipient,
                                              SessionOutcome... sessions) {
        return new RegistrationDecided(Schema.newMessageId(), Schema.now(), Schema.VERSION,
                UUID.randomUUID().toString(), KONGRES.id(), Schema.newMessageId(), Schema.now(), status, reason,
                List.of(sessions), KONGRES, recipient);
    }

    /** The head of the walk's waitlist got a seat. */
    public static RegistrationPromoted promoted(String registrationId) {
        return new RegistrationPromoted(Schema.newMessageId(), Schema.now(), Schema.VERSION, registrationId,
                KONGRES.id(), WALK.sessionId(), RegistrationStatus.CONFIRMED, List.of(WALK), KONGRES);
    }

    public static RegistrationCancelled cancelled(String registrationId, SessionOutcome... sessions) {
        return new RegistrationCancelled(Schema.newMessageId(), Schema.now(), Schema.VERSION, registrationId,
                KONGRES.id(), List.of(sessions).stream().map(s -> with(s, SessionStatus.CANCELLED, null)).toList(),
                KONGRES);
    }

    /** A registration for an event that requires email verification holds a seat in the walk until 12:30 UTC. */
    public static RegistrationHeld held(String email, String locale) {
        return new RegistrationHeld(Schema.newMessageId(), Schema.now(), Schema.VERSION, UUID.randomUUID().toString(),
                KONGRES.id(), Schema.newMessageId(), Schema.now(), RegistrationStatus.CONFIRMED, List.of(WALK),
                HELD_UNTIL, KONGRES, new Recipient("Zofia", "Wiśniewska", email, locale));
    }

    public static final Instant HELD_UNTIL = Instant.parse("2024-09-20T12:30:00Z");

    /** The person followed the link in time: the decision names no recipient (the hold did). */
    public static RegistrationDecided verified(RegistrationHeld held) {
        return new RegistrationDecided(Schema.newMessageId(), Schema.now(), Schema.VERSION, held.registrationId(),
                held.eventId(), Schema.newMessageId(), held.requestedAt(), held.status(), null, held.sessions(),
                held.event(), null);
    }

    /** Nobody followed the link in time. */
    public static RegistrationHoldExpired expired(RegistrationHeld held) {
        return new RegistrationHoldExpired(Schema.newMessageId(), Schema.now(), Schema.VERSION, held.registrationId(),
                held.eventId(), held.heldUntil(),
                held.sessions().stream().map(s -> with(s, SessionStatus.CANCELLED, null)).toList(), held.event());
    }

    public static SessionOutcome with(SessionOutcome session, SessionStatus status, Integer position) {
        return new SessionOutcome(session.sessionId(), session.title(), session.startsAt(), session.endsAt(), status,
                position);
    }
}
