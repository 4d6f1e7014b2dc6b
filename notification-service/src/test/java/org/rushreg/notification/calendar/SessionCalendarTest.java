package org.rushreg.notification.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionStatus;
import org.rushreg.notification.SampleDecisions;

class SessionCalendarTest {

    @Test
    void holdsOneEventPerConfirmedSessionWithStableUids() throws Exception {
        SessionOutcome waitlisted = new SessionOutcome("day-2", "Dzień 2", SampleDecisions.WALK.startsAt(),
                SampleDecisions.WALK.endsAt(), SessionStatus.WAITLISTED, 1);
        RegistrationDecided decided = SampleDecisions.confirmed("anna@example.org", "pl", SampleDecisions.DAY_1,
                SampleDecisions.WALK, waitlisted);

        byte[] ics = SessionCalendar.of(decided, "https://kongres.example.org/registrations/x/manage?token=1.a");
        Calendar calendar = new CalendarBuilder().build(new StringReader(new String(ics, StandardCharsets.UTF_8)));

        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        assertThat(events).hasSize(2);
        assertThat(events).map(e -> e.getUid().orElseThrow().getValue()).containsExactlyInAnyOrder(
                decided.registrationId() + "-day-1@rushreg", decided.registrationId() + "-walk-revitalisation@rushreg");
        assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("PUBLISH");
        VEvent day1 = events.stream().filter(e -> e.getUid().orElseThrow().getValue().endsWith("-day-1@rushreg"))
                .findFirst().orElseThrow();
        assertThat(day1.getSummary().getValue()).contains("IV Kongres", "Dzień 1: Rewitalizacja");
        // 07:00Z is 09:00 in Kraków in October (CEST), written with the zone so calendars show the venue's time.
        assertThat(day1.getProperty(Property.DTSTART).orElseThrow().getValue()).isEqualTo("20241007T090000");
        assertThat(day1.getProperty(Property.DTSTART).orElseThrow().getParameter(Parameter.TZID).orElseThrow()
                .getValue()).isEqualTo("Europe/Warsaw");
        assertThat(calendar.getComponents(Component.VTIMEZONE)).hasSize(1);
        java.time.temporal.Temporal start = day1.getStartDate().orElseThrow().getDate();
        assertThat(java.time.Instant.from(start)).isEqualTo(SampleDecisions.DAY_1.startsAt());
        assertThat(day1.getProperty(Property.LOCATION).orElseThrow().getValue()).contains("Fabryczna");
    }

    @Test
    void linesEndWithCrLf() {
        byte[] ics = SessionCalendar.of(SampleDecisions.confirmed("anna@example.org", "pl", SampleDecisions.DAY_1), null);

        String text = new String(ics, StandardCharsets.UTF_8);
        assertThat(text).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
        assertThat(text.replace("\r\n", "")).doesNotContain("\n");
    }

    @Test
    void noCalendarWithoutAConfirmedSession() {
        assertThat(SessionCalendar.of(SampleDecisions.waitlisted("jan@example.org", "pl"), null)).isNull();
    }
}
