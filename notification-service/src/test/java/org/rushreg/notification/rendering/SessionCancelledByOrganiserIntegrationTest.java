package org.rushreg.notification.rendering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rushreg.notification.TestInbox.findPart;
import static org.rushreg.notification.TestInbox.text;
import static org.rushreg.notification.TestInbox.uniqueAddress;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.DeliveryStatus;
import org.rushreg.messages.RegistrationCancelled;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionCancelledByOrganiser;
import org.rushreg.messages.SessionChangedByOrganiser;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionStatus;
import org.rushreg.notification.SampleDecisions;
import org.rushreg.notification.ServiceIntegrationTest;
import org.springframework.test.context.TestPropertySource;

/**
 * An organiser cancels a session (decision 0036): through the running service (embedded broker, PostgreSQL, SMTP
 * server) the confirmed and the waitlisted each get one email in their language whose calendar file, read back with
 * ical4j and checked against RFC 5546, is a CANCEL of the same entry (same UID, ORGANIZER present) at a SEQUENCE
 * higher than any file about it before. A repeat of the message sends nothing.
 */
@TestPropertySource(properties = {
        "notification.calendar-organizer=kalendarz@kongres.example.org"})
class SessionCancelledByOrganiserIntegrationTest extends ServiceIntegrationTest {

    @Test
    void aCancelledSessionReachesTheConfirmedAndTheWaitlistedOnceEachAndWithdrawsTheCalendarEntry() throws Exception {
        RegistrationDecided zofia = SampleDecisions.confirmed(uniqueAddress("zofia"), "pl", SampleDecisions.DAY_1,
                SampleDecisions.WALK);
        RegistrationDecided john = SampleDecisions.waitlisted(uniqueAddress("john"), "en");
        kafka.publish(zofia, john);
        await().atMost(PATIENCE).until(() -> kafka.reportedAll(List.of(zofia, john), DeliveryStatus.SENT));

        // The walk moved first (Zofia's entry at SEQUENCE 1), then called off: Zofia keeps day 1, John has nothing.
        String moveId = Schema.newMessageId();
        SessionChangedByOrganiser moved = new SessionChangedByOrganiser(Schema.newMessageId(), Schema.now(),
                Schema.VERSION, zofia.registrationId(), zofia.eventId(), moveId, RegistrationStatus.CONFIRMED,
                SampleDecisions.WALK, List.of(SampleDecisions.DAY_1, SampleDecisions.WALK), SampleDecisions.KONGRES);
        String cancelId = Schema.newMessageId();
        SessionOutcome walkCancelled = SampleDecisions.with(SampleDecisions.WALK, SessionStatus.CANCELLED, null);
        SessionCancelledByOrganiser toZofia = new SessionCancelledByOrganiser(Schema.newMessageId(), Schema.now(),
                Schema.VERSION, zofia.registrationId(), zofia.eventId(), cancelId, RegistrationStatus.CONFIRMED,
                walkCancelled, SessionStatus.CONFIRMED, List.of(SampleDecisions.DAY_1, walkCancelled),
                SampleDecisions.KONGRES);
        SessionCancelledByOrganiser toJohn = new SessionCancelledByOrganiser(Schema.newMessageId(), Schema.now(),
                Schema.VERSION, john.registrationId(), john.eventId(), cancelId, RegistrationStatus.CANCELLED,
                walkCancelled, SessionStatus.WAITLISTED, List.of(walkCancelled), SampleDecisions.KONGRES);
        // Each cancellation twice, as after a rebalance; then one more email on each key, so that once it is reported
        // the repeats before it have been handled.
        RegistrationCancelled zofiaCancels = SampleDecisions.cancelled(zofia.registrationId(), SampleDecisions.DAY_1);
        RegistrationCancelled johnAfter = SampleDecisions.cancelled(john.registrationId());
        kafka.publish(moved, toZofia, toJohn, toZofia, toJohn, zofiaCancels, johnAfter);
        await().atMost(PATIENCE).until(() -> kafka.reportedAll(List.of(moved, toZofia, toJohn, zofiaCancels,
                johnAfter), DeliveryStatus.SENT));

        List<MimeMessage> toZofiaInbox = INBOX.to(zofia.recipient().email());
        List<MimeMessage> toJohnInbox = INBOX.to(john.recipient().email());
        assertThat(toZofiaInbox).as("decision, the move, the session cancelled once, cancellation").hasSize(4);
        assertThat(toJohnInbox).as("decision, the session cancelled once, cancellation").hasSize(3);

        String walkUid = SessionCalendar.uid(zofia.registrationId(), "walk-revitalisation");
        Calendar invited = ItipRules.calendarsOf(toZofiaInbox.get(0)).stream()
                .filter(c -> ItipRules.uid(c).equals(walkUid)).findFirst().orElseThrow();
        Calendar updated = ItipRules.calendarsOf(toZofiaInbox.get(1)).get(0);
        MimeMessage calledOff = toZofiaInbox.get(2);
        assertThat(calledOff.getSubject()).startsWith("Sesja odwołana");
        assertThat(text(findPart(calledOff, "text/plain"))).contains("Organizator odwołał sesję „Spacer studyjny”",
                "Spacer studyjny (8 października 2024, 10:00–12:00) — anulowane", "Dzień 1: Rewitalizacja",
                "/manage?token=");
        List<Calendar> files = ItipRules.calendarsOf(calledOff);
        assertThat(files).as("the cancelled session's entry only").hasSize(1);
        Calendar cancel = files.get(0);
        assertThat(ItipRules.method(cancel)).isEqualTo("CANCEL");
        assertThat(ItipRules.uid(cancel)).isEqualTo(walkUid).isEqualTo(ItipRules.uid(invited))
                .isEqualTo(ItipRules.uid(updated));
        assertThat(ItipRules.sequence(cancel)).as("higher than the invitation's and the update's")
                .isGreaterThan(ItipRules.sequence(updated)).isGreaterThan(ItipRules.sequence(invited));
        assertThat(ItipRules.event(cancel).getProperty(Property.ORGANIZER).orElseThrow().getValue())
                .isEqualTo("mailto:kalendarz@kongres.example.org");

        MimeMessage toWaitlisted = toJohnInbox.get(1);
        assertThat(toWaitlisted.getSubject()).startsWith("Session cancelled");
        assertThat(text(findPart(toWaitlisted, "text/plain"))).contains(
                "The organiser cancelled the session “Spacer studyjny”", "your registration has been closed")
                .doesNotContain("/manage?token=");
        List<Calendar> johnFiles = ItipRules.calendarsOf(toWaitlisted);
        assertThat(johnFiles).extracting(ItipRules::method).containsExactly("CANCEL");
        assertThat(johnFiles).extracting(ItipRules::uid)
                .containsExactly(SessionCalendar.uid(john.registrationId(), "walk-revitalisation"));
        assertThat(johnFiles).extracting(ItipRules::sequence).containsExactly(1);
    }
}
