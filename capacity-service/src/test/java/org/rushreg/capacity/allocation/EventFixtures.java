package org.rushreg.capacity.allocation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.rushreg.messages.CancelRegistration;
import org.rushreg.messages.ChangeSessions;
import org.rushreg.messages.ConfigureEvent;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.Registrant;
import org.rushreg.messages.RegisterAttendee;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionDefinition;

/** Events and commands for the rules' tests. */
final class EventFixtures {

    static final String EVENT = "kongres-2024";
    static final Instant OPENS = Instant.parse("2024-09-01T08:00:00Z");
    static final Instant CLOSES = Instant.parse("2024-10-06T22:00:00Z");
    static final Instant DURING_WINDOW = Instant.parse("2024-09-10T09:00:00Z");

    static final SessionDefinition DAY_1 = session("day-1", "2024-10-07T07:00:00Z", "2024-10-07T16:00:00Z", 2);
    static final SessionDefinition DAY_2 = session("day-2", "2024-10-08T07:00:00Z", "2024-10-08T16:00:00Z", 2);
    static final SessionDefinition WALK = session("walk", "2024-10-07T14:00:00Z", "2024-10-07T16:00:00Z", 1);

    private EventFixtures() {
    }

    static SessionDefinition session(String id, String startsAt, String endsAt, int capacity) {
        return new SessionDefinition(id, "Session " + id, Instant.parse(startsAt), Instant.parse(endsAt), capacity);
    }

    static EventDefinition event(boolean waitlist, SessionDefinition... sessions) {
        return new EventDefinition(EVENT, "IV Kongres Polityki Miejskiej i Regionalnej", "CFK_13",
                "Fabryczna 13, Kraków", "Europe/Warsaw", LocalDate.of(2024, 10, 7), LocalDate.of(2024, 10, 8),
                OPENS, CLOSES, waitlist, "organiser@example.org", List.of(sessions));
    }

    static ConfigureEvent configure(EventDefinition event) {
        return new ConfigureEvent(Schema.newMessageId(), DURING_WINDOW, Schema.VERSION, event.id(), event);
    }

    static RegisterAttendee register(String registrationId, String email, String... sessionIds) {
        return registerAt(DURING_WINDOW, registrationId, email, sessionIds);
    }

    static RegisterAttendee registerAt(Instant at, String registrationId, String email, String... sessionIds) {
        return new RegisterAttendee(Schema.newMessageId(), at, Schema.VERSION, EVENT, registrationId,
                new Registrant("Anna", "Nowak", email, "Urząd Miasta Krakowa"), List.of(sessionIds), "pl", null, null);
    }

    static ChangeSessions change(String registrationId, String... sessionIds) {
        return changeAt(DURING_WINDOW, registrationId, sessionIds);
    }

    static ChangeSessions changeAt(Instant at, String registrationId, String... sessionIds) {
        return new ChangeSessions(Schema.newMessageId(), at, Schema.VERSION, EVENT, registrationId,
                List.of(sessionIds));
    }

    static CancelRegistration cancel(String registrationId) {
        return new CancelRegistration(Schema.newMessageId(), DURING_WINDOW, Schema.VERSION, EVENT, registrationId);
    }

    /**
     * Five registrations for an event of two sessions, {@code day-1} with 2 seats and a waitlist: r1 and r2 (who also
     * has day-2) confirmed in day-1, r3 waitlisted there, r4 only in day-2, r5 registered for day-1 and cancelled.
     */
    static void registerFiveOfWhomOneCancelled(SeatAllocator allocator, Instant now) {
        allocator.apply(register("r1", "a@example.org", "day-1"), now);
        allocator.apply(register("r2", "b@example.org", "day-1", "day-2"), now);
        allocator.apply(register("r3", "c@example.org", "day-1"), now);
        allocator.apply(register("r4", "d@example.org", "day-2"), now);
        allocator.apply(register("r5", "e@example.org", "day-1"), now);
        allocator.apply(cancel("r5"), now);
    }
}
