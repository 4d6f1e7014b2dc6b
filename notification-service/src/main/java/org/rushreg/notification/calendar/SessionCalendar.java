package org.rushreg.notification.calendar;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import org.rushreg.messages.EventSummary;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionStatus;

/**
 * The calendar invite attached to a confirmation: one VEVENT per confirmed session, with a UID that stays the same
 * for the same registration and session, so a re-sent invite updates the entry instead of adding a second one.
 */
public final class SessionCalendar {

    public static final String CONTENT_TYPE = "text/calendar; method=PUBLISH; charset=UTF-8";

    private static final String PROD_ID = "-//rushreg//notification-service//EN";

    private SessionCalendar() {
    }

    public static String uid(String registrationId, String sessionId) {
        return registrationId + "-" + sessionId + "@rushreg";
    }

    public static List<SessionOutcome> confirmedSessions(RegistrationDecided decided) {
        return decided.sessions().stream().filter(s -> s.status() == SessionStatus.CONFIRMED
                && s.startsAt() != null && s.endsAt() != null).toList();
    }

    /** The iCalendar text (RFC 5545) of the confirmed sessions, or null when there is none to put in a calendar. */
    public static byte[] of(RegistrationDecided decided, String manageLink) {
        List<SessionOutcome> sessions = confirmedSessions(decided);
        if (sessions.isEmpty()) {
            return null;
        }
        Calendar calendar = new Calendar().withProdId(PROD_ID).withDefaults()
                .withProperty(new Method(Method.VALUE_PUBLISH)).getFluentTarget();
        EventSummary event = decided.event();
        for (SessionOutcome session : sessions) {
            VEvent entry = new VEvent(session.startsAt(), session.endsAt(), summary(event, session));
            entry.replace(new DtStamp(decided.createdAt() != null ? decided.createdAt() : session.startsAt()));
            entry.replace(new Uid(uid(decided.registrationId(), session.sessionId())));
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
