package org.rushreg.notification.calendar;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import org.rushreg.messages.EventSummary;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionStatus;

/**
 * The calendar attachment (RFC 5545): one VEVENT per session, with a UID that stays the same for the same
 * registration and session, so a later invite updates the entry and a cancellation ({@code METHOD:CANCEL}, higher
 * SEQUENCE) removes it. Times are written in the event's time zone with its VTIMEZONE, so calendars show the
 * session at the venue's local time whatever zone the reader is in.
 */
public final class SessionCalendar {

    public static final String PUBLISH = Method.VALUE_PUBLISH;
    public static final String CANCEL = Method.VALUE_CANCEL;

    private static final String PROD_ID = "-//rushreg//notification-service//EN";

    /** Loading the zone definitions (bundled with ical4j, no network) is done once. */
    private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();

    private SessionCalendar() {
    }

    public static String uid(String registrationId, String sessionId) {
        return registrationId + "-" + sessionId + "@rushreg";
    }

    public static String contentType(String method) {
        return "text/calendar; method=" + method + "; charset=UTF-8";
    }

    /** The invite for the confirmed sessions of a decision, or null when none has a time. */
    public static byte[] of(RegistrationDecided decided, String manageLink) {
        return of(decided.registrationId(), decided.event(), decided.sessions().stream()
                .filter(s -> s.status() == SessionStatus.CONFIRMED).toList(), decided.createdAt(),
                manageLink, PUBLISH);
    }

    /** The iCalendar text of the sessions with a time, or null when there is none to put in a calendar. */
    public static byte[] of(String registrationId, EventSummary event, List<SessionOutcome> sessions, Instant stamp,
                            String manageLink, String method) {
        List<SessionOutcome> timed = sessions.stream().filter(s -> s.startsAt() != null && s.endsAt() != null).toList();
        if (timed.isEmpty()) {
            return null;
        }
        Calendar calendar = new Calendar().withProdId(PROD_ID).withDefaults()
                .withProperty(new Method(method)).getFluentTarget();
        TimeZone zone = zoneOf(event);
        if (zone != null) {
            calendar.add(zone.getVTimeZone());
        }
        boolean cancel = CANCEL.equals(method);
        for (SessionOutcome session : timed) {
            VEvent entry = zone == null
                    ? new VEvent(session.startsAt(), session.endsAt(), summary(event, session))
                    : new VEvent(local(session.startsAt(), zone), local(session.endsAt(), zone), summary(event, session));
            entry.replace(new DtStamp(stamp != null ? stamp : session.startsAt()));
            entry.replace(new Uid(uid(registrationId, session.sessionId())));
            // A cancellation must outrank the invite it withdraws (RFC 5546 §2.1.4). A session given back by a
            // change of sessions is withdrawn the same way inside the change's PUBLISH.
            boolean withdrawn = cancel || session.status() == SessionStatus.CANCELLED;
            entry.add(new Sequence(withdrawn ? 1 : 0));
            if (withdrawn) {
                entry.add(new Status(Status.VALUE_CANCELLED));
            }
            String location = location(event);
            if (location != null) {
                entry.add(new Location(location));
            }
            if (manageLink != null) {
                entry.add(new Description(manageLink));
                entry.add(new Url(URI.create(manageLink)));
            }
            calendar.add(entry);
        }
        try {
            StringWriter out = new StringWriter();
            new CalendarOutputter(false).output(calendar, out);
            return out.toString().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Writing to a StringWriter failed", e);
        }
    }

    private static ZonedDateTime local(Instant instant, TimeZone zone) {
        return instant.atZone(zone.toZoneId());
    }

    private static TimeZone zoneOf(EventSummary event) {
        if (event == null || event.timeZone() == null) {
            return null;
        }
        try {
            ZoneId.of(event.timeZone());
            return ZONES.getTimeZone(event.timeZone());
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static String summary(EventSummary event, SessionOutcome session) {
        String title = session.title() == null || session.title().isBlank() ? session.sessionId() : session.title();
        return event == null || event.name() == null ? title : event.name() + ": " + title;
    }

    private static String location(EventSummary event) {
        if (event == null || event.venue() == null) {
            return null;
        }
        return event.venueAddress() == null ? event.venue() : event.venue() + ", " + event.venueAddress();
    }
}
