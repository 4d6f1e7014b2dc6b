package org.rushreg.notification.rendering;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import org.rushreg.messages.EventSummary;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionStatus;

/**
 * The calendar files of an email (RFC 5545, scheduled as RFC 5546 says): one iCalendar object per session, with a
 * UID that stays the same for the same registration and session, the attendee's SEQUENCE of that entry, DTSTAMP,
 * ORGANIZER and the attendee. A seat is a {@code METHOD:REQUEST} (new or updated entry), a session given back or a
 * cancelled registration a {@code METHOD:CANCEL} of the same UID at a higher sequence (decision 0025 says why REQUEST,
 * and why one session per file). Times are written in the event's time zone with its VTIMEZONE, so calendars show
 * the session at the venue's local time whatever zone the reader is in.
 *
 * <p>The text is written here, line by line; ical4j supplies the VTIMEZONE of each zone, written once. Building
 * ical4j's object model and writing it for every email (the zone's full history included: 167 lines for
 * Europe/Warsaw) cost more CPU than the rest of the email (docs/benchmarks.md). The tests read every file back with
 * ical4j.
 */
final class SessionCalendar {

    private static final Pattern NOT_IN_ID = Pattern.compile("[^A-Za-z0-9._-]");
    private static final Pattern CONTROL_OR_QUOTE = Pattern.compile("[\\p{Cntrl}\"]+");
    private static final Pattern CONTROL_OR_SPACE = Pattern.compile("[\\p{Cntrl}\\s]+");

    public static final String REQUEST = "REQUEST";
    public static final String CANCEL = "CANCEL";

    private static final String PROD_ID = "-//rushreg//notification-service//EN";
    private static final int FOLD_AT_OCTETS = 75;

    /** Loading the zone definitions (bundled with ical4j, no network) is done once. */
    private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();

    /** The VTIMEZONE text of each zone id, the same for every email; empty for an id that is no zone. */
    private static final Map<String, String> ZONE_TEXT = new ConcurrentHashMap<>();

    private SessionCalendar() {
    }

    /** What every file of one email shares. {@code attendee} is the email's recipient; {@code stamp} its DTSTAMP. */
    public record Context(String registrationId, EventSummary event, Recipient attendee, Instant stamp,
                          String manageLink, CalendarStamp calendar) {
    }

    public static String uid(String registrationId, String sessionId) {
        return registrationId + "-" + sessionId + "@rushreg";
    }

    /**
     * The files for these sessions: a CANCEL for a cancelled one (or for all when {@code cancelAll}), a REQUEST for
     * the others; sessions without a time are left out.
     */
    public static List<CalendarFile> files(Context context, List<SessionOutcome> sessions, boolean cancelAll) {
        List<CalendarFile> files = new ArrayList<>(sessions.size());
        for (SessionOutcome session : sessions) {
            if (session.startsAt() == null || session.endsAt() == null) {
                continue;
            }
            boolean cancel = cancelAll || session.status() == SessionStatus.CANCELLED;
            files.add(file(context, session, cancel ? CANCEL : REQUEST));
        }
        return List.copyOf(files);
    }

    /** The iCalendar object of one session's entry. */
    public static CalendarFile file(Context context, SessionOutcome session, String method) {
        EventSummary event = context.event();
        StringBuilder ics = new StringBuilder(2048);
        line(ics, "BEGIN:VCALENDAR");
        line(ics, "PRODID:" + PROD_ID);
        line(ics, "CALSCALE:GREGORIAN");
        line(ics, "VERSION:2.0");
        line(ics, "METHOD:" + method);
        String zoneId = event == null || event.timeZone() == null ? "" : event.timeZone();
        String zone = zoneId.isEmpty() ? "" : ZONE_TEXT.computeIfAbsent(zoneId, SessionCalendar::zoneText);
        ics.append(zone);
        line(ics, "BEGIN:VEVENT");
        line(ics, "UID:" + text(uid(context.registrationId(), session.sessionId())));
        line(ics, "SEQUENCE:" + context.calendar().sequenceOf(session.sessionId()));
        line(ics, "DTSTAMP:" + utc(context.stamp() != null ? context.stamp() : session.startsAt()));
        // Names and titles in the attendee's language where the organiser gave them (decision 0045).
        String language = context.attendee() == null ? null : context.attendee().locale();
        String eventName = event == null ? null : event.nameIn(language);
        line(ics, "ORGANIZER" + (eventName == null ? "" : ";CN=" + paramValue(eventName)) + ":mailto:"
                + mailbox(context.calendar().organizer()));
        Recipient attendee = context.attendee();
        if (attendee != null && attendee.email() != null && !attendee.email().isBlank()) {
            String name = ((attendee.firstName() == null ? "" : attendee.firstName()) + " "
                    + (attendee.lastName() == null ? "" : attendee.lastName())).strip();
            // Registered already: nothing to answer (RSVP=FALSE); the manage link is where plans change.
            line(ics, "ATTENDEE" + (name.isEmpty() ? "" : ";CN=" + paramValue(name))
                    + ";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:" + mailbox(attendee.email()));
        }
        line(ics, zone.isEmpty() ? "DTSTART:" + utc(session.startsAt())
                : "DTSTART;TZID=" + zoneId + ":" + local(session.startsAt(), zoneId));
        line(ics, zone.isEmpty() ? "DTEND:" + utc(session.endsAt())
                : "DTEND;TZID=" + zoneId + ":" + local(session.endsAt(), zoneId));
        line(ics, "SUMMARY:" + text(summary(event, session, language)));
        line(ics, "STATUS:" + (CANCEL.equals(method) ? "CANCELLED" : "CONFIRMED"));
        String location = location(event);
        if (location != null) {
            line(ics, "LOCATION:" + text(location));
        }
        if (context.manageLink() != null && !CANCEL.equals(method)) {
            line(ics, "DESCRIPTION:" + text(context.manageLink()));
            line(ics, "URL:" + context.manageLink());
        }
        line(ics, "END:VEVENT");
        line(ics, "END:VCALENDAR");
        return new CalendarFile(fileName(session.sessionId()), method,
                ics.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The attachment's name: the session's id, in characters every mail program keeps in a file name. */
    private static String fileName(String sessionId) {
        String safe = sessionId == null ? "" : NOT_IN_ID.matcher(sessionId).replaceAll("");
        return (safe.isEmpty() ? "session" : safe) + ".ics";
    }

    /** A parameter value (RFC 5545 §3.2): quoted, without the quotes and control characters it may not hold. */
    private static String paramValue(String value) {
        return "\"" + CONTROL_OR_QUOTE.matcher(value).replaceAll(" ").strip() + "\"";
    }

    /** An address as the mailto: URI's path: no control characters or spaces can break the line or the URI. */
    private static String mailbox(String address) {
        return CONTROL_OR_SPACE.matcher(address.strip()).replaceAll("");
    }

    /** The VTIMEZONE block as ical4j writes it (folded lines, CRLF), or empty when the id names no zone. */
    private static String zoneText(String zoneId) {
        TimeZone zone;
        try {
            ZoneId.of(zoneId);
            zone = ZONES.getTimeZone(zoneId);
        } catch (DateTimeException e) {
            return "";
        }
        if (zone == null) {
            return "";
        }
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(new Calendar().withProdId(PROD_ID).withDefaults()
                    .withComponent(zone.getVTimeZone()).getFluentTarget(), out);
        } catch (IOException e) {
            throw new IllegalStateException("Writing to a StringWriter failed", e);
        }
        String text = out.toString();
        String end = "END:VTIMEZONE\r\n";
        return text.substring(text.indexOf("BEGIN:VTIMEZONE\r\n"), text.indexOf(end) + end.length());
    }

    /** A content line, folded after 75 octets (RFC 5545 §3.1) without splitting a character, ended by CRLF. */
    private static void line(StringBuilder ics, String line) {
        int octets = 0;
        for (int i = 0; i < line.length(); ) {
            int codePoint = line.codePointAt(i);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (octets + size > FOLD_AT_OCTETS) {
                ics.append("\r\n ");
                octets = 1;
            }
            ics.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        ics.append("\r\n");
    }

    /** A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped. */
    private static String text(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\', ';', ',' -> escaped.append('\\').append(c);
                case '\n' -> escaped.append("\\n");
                case '\r' -> {
                }
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String utc(Instant instant) {
        return basic(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)) + "Z";
    }

    private static String local(Instant instant, String zoneId) {
        return basic(LocalDateTime.ofInstant(instant, ZoneId.of(zoneId)));
    }

    /** 20241007T090000: the basic form of a date-time (RFC 5545 §3.3.5). */
    private static String basic(LocalDateTime time) {
        return String.valueOf(time.getYear()) + two(time.getMonthValue()) + two(time.getDayOfMonth()) + 'T'
                + two(time.getHour()) + two(time.getMinute()) + two(time.getSecond());
    }

    private static String two(int value) {
        return value < 10 ? "0" + value : String.valueOf(value);
    }

    private static String summary(EventSummary event, SessionOutcome session, String language) {
        String own = session.titleIn(language);
        String title = own == null || own.isBlank() ? session.sessionId() : own;
        return event == null || event.nameIn(language) == null ? title : event.nameIn(language) + ": " + title;
    }

    private static String location(EventSummary event) {
        if (event == null || event.venue() == null) {
            return null;
        }
        return event.venueAddress() == null ? event.venue() : event.venue() + ", " + event.venueAddress();
    }
}
