package org.rushreg.notification.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Method;

/**
 * Reads a calendar file back with ical4j and checks what RFC 5546 asks of its method: METHOD, ORGANIZER, UID,
 * SEQUENCE and DTSTAMP always, an ATTENDEE, DTSTART and SUMMARY in a REQUEST, STATUS:CANCELLED in a CANCEL, one
 * entry (one UID) per file, and ical4j's own validation of the calendar and of the entry for its method.
 */
public final class ItipRules {

    private ItipRules() {
    }

    public static Calendar parse(byte[] ics) {
        try {
            return new CalendarBuilder().build(new StringReader(new String(ics, StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("ical4j cannot read the calendar file: " + e.getMessage(), e);
        }
    }

    /** The file read back, after every check passed. */
    public static Calendar check(CalendarFile file) {
        Calendar calendar = parse(file.content());
        String method = calendar.getProperty(Property.METHOD).orElseThrow(() -> new AssertionError("no METHOD"))
                .getValue();
        assertThat(method).as("METHOD of %s", file).isEqualTo(file.method()).isIn("REQUEST", "CANCEL");
        assertThat(file.contentType()).contains("method=" + method);
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        assertThat(events).as("entries in %s (one UID per iTIP message)", file).hasSize(1);
        VEvent event = events.get(0);
        for (String required : List.of(Property.UID, Property.SEQUENCE, Property.DTSTAMP, Property.ORGANIZER)) {
            assertThat(event.getProperty(required)).as("%s in %s", required, file).isPresent();
        }
        assertThat(event.getProperty(Property.ORGANIZER).orElseThrow().getValue()).startsWith("mailto:");
        assertThat(event.getProperties(Property.ATTENDEE)).as("ATTENDEE in %s", file).isNotEmpty();
        if (method.equals("REQUEST")) {
            assertThat(event.getProperty(Property.DTSTART)).isPresent();
            assertThat(event.getProperty(Property.SUMMARY)).isPresent();
            assertThat(event.getProperty(Property.STATUS).map(Property::getValue)).isNotEqualTo(
                    java.util.Optional.of("CANCELLED"));
        } else {
            assertThat(event.getProperty(Property.STATUS).orElseThrow().getValue()).isEqualTo("CANCELLED");
        }
        try {
            assertThat(calendar.validate().hasErrors()).as("ical4j's validation of %s: %s", file,
                    calendar.validate()).isFalse();
            assertThat(event.validate(new Method(method)).hasErrors()).as("ical4j's %s rules for %s: %s", method, file,
                    event.validate(new Method(method))).isFalse();
        } catch (Exception e) {
            throw new AssertionError("ical4j's validation failed for " + file + ": " + e.getMessage(), e);
        }
        return calendar;
    }

    public static VEvent event(Calendar calendar) {
        return calendar.<VEvent>getComponents(Component.VEVENT).get(0);
    }

    public static String uid(Calendar calendar) {
        return event(calendar).getUid().orElseThrow().getValue();
    }

    public static int sequence(Calendar calendar) {
        return Integer.parseInt(event(calendar).getProperty(Property.SEQUENCE).orElseThrow().getValue());
    }

    public static String method(Calendar calendar) {
        return calendar.getProperty(Property.METHOD).orElseThrow().getValue();
    }

    /** Every calendar attachment of an email, each checked against RFC 5546's rules for its method. */
    public static List<Calendar> calendarsOf(MimeMessage email) throws Exception {
        List<Calendar> calendars = new ArrayList<>();
        Multipart mixed = (Multipart) email.getContent();
        for (int i = 0; i < mixed.getCount(); i++) {
            BodyPart part = mixed.getBodyPart(i);
            if (part.isMimeType("text/calendar")) {
                String method = new ContentType(part.getContentType()).getParameter("method");
                calendars.add(ItipRules.check(new CalendarFile(part.getFileName(), method,
                        part.getInputStream().readAllBytes())));
            }
        }
        return calendars;
    }
}
