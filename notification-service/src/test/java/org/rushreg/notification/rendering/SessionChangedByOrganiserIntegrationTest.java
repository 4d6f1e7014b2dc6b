package org.rushreg.notification.rendering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rushreg.notification.TestInbox.findPart;
import static org.rushreg.notification.TestInbox.text;
import static org.rushreg.notification.TestInbox.uniqueAddress;

import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.DeliveryStatus;
import org.rushreg.messages.RegistrationCancelled;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationPromoted;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionChangedByOrganiser;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionStatus;
import org.rushreg.notification.SampleDecisions;
import org.rushreg.notification.ServiceIntegrationTest;
import org.springframework.test.context.TestPropertySource;

/**
 * An organiser moves a session (decision 0033): through the running service (embedded broker, PostgreSQL, SMTP
 * server) each person holding a seat in it or waiting for it gets one email in their language; the confirmed one's
 * calendar file is a REQUEST for the same entry at the new time with a higher SEQUENCE. A repeat of the change's
 * messages sends nothing.
 */
@TestPropertySource(properties = {
        "notification.calendar-organizer=kalendarz@kongres.example.org"})
class SessionChangedByOrganiserIntegrationTest extends ServiceIntegrationTest {

    private static final Instant NEW_START = Instant.parse("2024-10-08T10:00:00Z");
    private static final Instant NEW_END = Instant.parse("2024-10-08T12:00:00Z");

    @Test
    void aMovedSessionReachesTheConfirmedAndTheWaitlistedOnceEachAndUpdatesTheCalendarEntry() throws Exception {
        RegistrationDecided confirmed = SampleDecisions.confirmed(uniqueAddress("zofia"), "pl",
                SampleDecisions.WALK);
        RegistrationDecided waitlisted = SampleDecisions.waitlisted(uniqueAddress("john"), "en");
        String configureId = Schema.newMessageId();
        SessionChangedByOrganiser toConfirmed = moved(confirmed, configureId, SessionStatus.CONFIRMED, null);
        SessionChangedByOrganiser toWaitlisted = moved(waitlisted, configureId, SessionStatus.WAITLISTED, 3);
        kafka.publish(confirmed, waitlisted);
        await().atMost(PATIENCE).until(() -> kafka.reportedAll(List.of(confirmed, waitlisted), DeliveryStatus.SENT));

        // Each change twice, as after a rebalance; then one more email on each key, so that once it is reported the
        // repeats before it have been handled.
        RegistrationCancelled zofiaCancels = SampleDecisions.cancelled(confirmed.registrationId(),
                SampleDecisions.WALK);
        RegistrationPromoted johnPromoted = SampleDecisions.promoted(waitlisted.registrationId());
        kafka.publish(toConfirmed, toWaitlisted, toConfirmed, toWaitlisted, zofiaCancels, johnPromoted);
        await().atMost(PATIENCE).until(() -> kafka.reportedAll(List.of(toConfirmed, toWaitlisted, zofiaCancels,
                johnPromoted), DeliveryStatus.SENT));

        List<MimeMessage> toZofia = INBOX.to(confirmed.recipient().email());
        List<MimeMessage> toJohn = INBOX.to(waitlisted.recipient().email());
        assertThat(toZofia).as("decision, the change once, cancellation").hasSize(3);
        assertThat(toJohn).as("decision, the change once, promotion").hasSize(3);

        MimeMessage update = toZofia.get(1);
        assertThat(update.getSubject()).startsWith("Zmiana terminu lub miejsca");
        assertThat(text(findPart(update, "text/plain"))).contains("Spacer studyjny", "8 października 2024",
                "12:00–14:00");
        List<Calendar> files = ItipRules.calendarsOf(update);
        assertThat(files).hasSize(1);
        Calendar file = files.get(0);
        assertThat(ItipRules.method(file)).isEqualTo("REQUEST");
        assertThat(ItipRules.uid(file)).isEqualTo(SessionCalendar.uid(confirmed.registrationId(), "walk-revitalisation"));
        assertThat(ItipRules.sequence(file)).isEqualTo(1);
        assertThat(ItipRules.event(file).getProperty(Property.DTSTART).orElseThrow().getValue())
                .as("12:00 in Kraków, the event's zone").isEqualTo("20241008T120000");

        MimeMessage toWaitlist = toJohn.get(1);
        assertThat(toWaitlist.getSubject()).startsWith("Change of time or place");
        assertThat(text(findPart(toWaitlist, "text/plain"))).contains("Spacer studyjny", "8 October 2024",
                "12:00–14:00", "position 3");
        assertThat(ItipRules.calendarsOf(toWaitlist)).as("a waitlist place has no calendar entry").isEmpty();
    }

    private static SessionChangedByOrganiser moved(RegistrationDecided decided, String configureId,
                                                   SessionStatus status, Integer position) {
        SessionOutcome walk = new SessionOutcome(SampleDecisions.WALK.sessionId(), SampleDecisions.WALK.title(),
                NEW_START, NEW_END, status, position);
        String messageId = Schema.newMessageId();
        return new SessionChangedByOrganiser(messageId, Schema.now(), Schema.VERSION, decided.registrationId(),
                decided.eventId(), configureId, decided.status(), walk, List.of(walk), SampleDecisions.KONGRES);
    }
}
