package org.rushreg.notification.rendering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionStatus;
import org.rushreg.notification.SampleDecisions;

class SessionCalendarTest {

    private static final Recipient ANNA = new Recipient("Anna", "Nowak", "anna@example.org", "pl");
    private static final String LINK = "https://kongres.example.org/registrations/reg-1/manage?token=1.a";

    private static SessionCalendar.Context context(CalendarStamp stamp) {
        return new SessionCalendar.Context("reg-1", SampleDecisions.KONGRES, ANNA,
                Instant.parse("2024-09-30T12:00:00Z"), LINK, stamp);
    }

    @Test
    void oneRequestPerSessionWithStableUidsOrganiserAndAttendee() {
        List<CalendarFile> files = SessionCalendar.files(context(CalendarStamp.first("no-reply@kongres.example.org")),
                List.of(SampleDecisions.DAY_1, SampleDecisions.WALK), false);

        assertThat(files).extracting(CalendarFile::fileName).containsExactly("day-1.ics", "walk-revitalisation.ics");
        List<Calendar> calendars = files.stream().map(ItipRules::check).toList();
        assertThat(calendars).extracting(ItipRules::method).containsOnly("REQUEST");
        assertThat(calendars).extracting(ItipRules::uid).containsExactly("reg-1-day-1@rushreg",
                "reg-1-walk-revitalisation@rushreg");
        assertThat(calendars).extracting(ItipRules::sequence).containsOnly(0);
        VEvent day1 = ItipRules.event(calendars.get(0));
        assertThat(day1.getProperty(Property.ORGANIZER).orElseThrow().getValue())
                .isEqualTo("mailto:no-reply@kongres.example.org");
        assertThat(day1.getProperty(Property.ORGANIZER).orElseThrow().getParameter(Parameter.CN).orElseThrow()
                .getValue()).isEqualTo("IV Kongres Polityki Miejskiej i Regionalnej");
        Property attendee = day1.getProperty(Property.ATTENDEE).orElseThrow();
        assertThat(attendee.getValue()).isEqualTo("mailto:anna@example.org");
        assertThat(attendee.getParameter(Parameter.RSVP).orElseThrow().getValue()).isEqualTo("FALSE");
        assertThat(attendee.getParameter(Parameter.PARTSTAT).orElseThrow().getValue()).isEqualTo("ACCEPTED");
        assertThat(day1.getProperty(Property.DTSTAMP).orElseThrow().getValue()).isEqualTo("20240930T120000Z");
        assertThat(day1.getSummary().getValue()).contains("IV Kongres", "Dzień 1: Rewitalizacja");
        // 07:00Z is 09:00 in Kraków in October (CEST), written with the zone so calendars show the venue's time.
        assertThat(day1.getProperty(Property.DTSTART).orElseThrow().getValue()).isEqualTo("20241007T090000");
        assertThat(day1.getProperty(Property.DTSTART).orElseThrow().getParameter(Parameter.TZID).orElseThrow()
                .getValue()).isEqualTo("Europe/Warsaw");
        assertThat(calendars.get(0).getComponents(Component.VTIMEZONE)).hasSize(1);
        assertThat(Instant.from(day1.getStartDate().orElseThrow().getDate()))
                .isEqualTo(SampleDecisions.DAY_1.startsAt());
        assertThat(day1.getProperty(Property.LOCATION).orElseThrow().getValue()).contains("Fabryczna");
        assertThat(day1.getProperty(Property.URL).orElseThrow().getValue()).isEqualTo(LINK);
    }

    @Test
    void aCancelKeepsTheUidAndCarriesTheStampsHigherSequence() {
        CalendarFile invite = SessionCalendar.file(context(CalendarStamp.first("kongres@example.org")),
                SampleDecisions.DAY_1, SessionCalendar.REQUEST);
        CalendarFile cancel = SessionCalendar.files(context(new CalendarStamp("kongres@example.org",
                Map.of("day-1", 1))), List.of(SampleDecisions.DAY_1), true).get(0);

        Calendar invited = ItipRules.check(invite);
        Calendar cancelled = ItipRules.check(cancel);

        assertThat(ItipRules.method(cancelled)).isEqualTo("CANCEL");
        assertThat(ItipRules.uid(cancelled)).isEqualTo(ItipRules.uid(invited));
        assertThat(ItipRules.sequence(cancelled)).isGreaterThanOrEqualTo(ItipRules.sequence(invited)).isEqualTo(1);
        assertThat(ItipRules.event(cancelled).getProperty(Property.ORGANIZER).orElseThrow().getValue())
                .isEqualTo("mailto:kongres@example.org");
    }

    @Test
    void aSessionGivenBackIsCancelledBesideTheRequestsOfTheOthers() {
        SessionOutcome givenBack = SampleDecisions.with(SampleDecisions.DAY_1, SessionStatus.CANCELLED, null);

        List<CalendarFile> files = SessionCalendar.files(context(new CalendarStamp("kongres@example.org",
                Map.of("day-1", 3, "walk-revitalisation", 2))), List.of(SampleDecisions.WALK, givenBack), false);

        assertThat(files).extracting(CalendarFile::method).containsExactly("REQUEST", "CANCEL");
        assertThat(files.stream().map(ItipRules::check).map(ItipRules::sequence)).containsExactly(2, 3);
    }

    @Test
    void linesEndWithCrLfAndNamesCannotBreakThem() {
        Recipient odd = new Recipient("Anna\r\nATTENDEE:mailto:x@evil.example", "\"Nowak\"", "anna@example.org", "en");
        CalendarFile file = SessionCalendar.file(new SessionCalendar.Context("reg-1", SampleDecisions.KONGRES, odd,
                Instant.parse("2024-09-30T12:00:00Z"), null, CalendarStamp.first("kongres@example.org")),
                SampleDecisions.DAY_1, SessionCalendar.REQUEST);

        String text = new String(file.content(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
        assertThat(text.replace("\r\n", "")).doesNotContain("\n");
        assertThat(ItipRules.event(ItipRules.check(file)).getProperties(Property.ATTENDEE)).hasSize(1);
    }

    @Test
    void theRulesRejectAFileWithoutOrganiser() {
        String withoutOrganiser = "BEGIN:VCALENDAR\r\nPRODID:-//x//EN\r\nVERSION:2.0\r\nMETHOD:CANCEL\r\n"
                + "BEGIN:VEVENT\r\nUID:reg-1-day-1@rushreg\r\nSEQUENCE:1\r\nDTSTAMP:20240930T120000Z\r\n"
                + "DTSTART:20241007T070000Z\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

        assertThatThrownBy(() -> ItipRules.check(new CalendarFile("day-1.ics", "CANCEL",
                withoutOrganiser.getBytes(StandardCharsets.UTF_8)))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("ORGANIZER");
    }

    @Test
    void noFileForASessionWithoutATime() {
        SessionOutcome untimed = new SessionOutcome("online", "Online", null, null, SessionStatus.CONFIRMED, null);

        assertThat(SessionCalendar.files(context(CalendarStamp.first("kongres@example.org")), List.of(untimed), false))
                .isEmpty();
    }
}
