package org.rushreg.notification.rendering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rushreg.notification.TestInbox.uniqueAddress;

import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.DeliveryStatus;
import org.rushreg.messages.RegistrationCancelled;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.SessionsChanged;
import org.rushreg.notification.SampleDecisions;
import org.rushreg.notification.ServiceIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The calendar files of one registration through the whole service (embedded broker, PostgreSQL, SMTP server): each
 * entry keeps its UID and its SEQUENCE only grows, across a session dropped and chosen again, kept in the database.
 */
@TestPropertySource(properties = {
        "notification.calendar-organizer=kalendarz@kongres.example.org"})
class CalendarSequenceIntegrationTest extends ServiceIntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void aSessionDroppedAndChosenAgainGetsAHigherSequenceEachTimeUnderTheSameUid() throws Exception {
        RegistrationDecided confirmed = SampleDecisions.confirmed(uniqueAddress("zofia"), "pl", SampleDecisions.DAY_1,
                SampleDecisions.WALK);
        SessionOutcome dayOneGivenBack = SampleDecisions.with(SampleDecisions.DAY_1, SessionStatus.CANCELLED, null);
        SessionsChanged dropped = changed(confirmed, List.of(SampleDecisions.WALK), List.of(dayOneGivenBack));
        SessionsChanged chosenAgain = changed(confirmed, List.of(SampleDecisions.WALK, SampleDecisions.DAY_1),
                List.of());
        RegistrationCancelled cancelled = SampleDecisions.cancelled(confirmed.registrationId(), SampleDecisions.WALK,
                SampleDecisions.DAY_1);

        // The drop twice, as after a rebalance: the sent-record keeps it to one email and one step of the sequence.
        kafka.publish(confirmed, dropped, dropped, chosenAgain, cancelled);

        await().atMost(PATIENCE).until(() -> kafka.reported(cancelled, DeliveryStatus.SENT));
        List<MimeMessage> emails = INBOX.to(confirmed.recipient().email());
        assertThat(emails).hasSize(4);
        String dayOne = SessionCalendar.uid(confirmed.registrationId(), "day-1");
        List<String> methods = new ArrayList<>();
        List<Integer> sequences = new ArrayList<>();
        for (MimeMessage email : emails) {
            for (Calendar calendar : ItipRules.calendarsOf(email)) {
                assertThat(ItipRules.event(calendar).getProperty(Property.ORGANIZER).orElseThrow().getValue())
                        .isEqualTo("mailto:kalendarz@kongres.example.org");
                if (ItipRules.uid(calendar).equals(dayOne)) {
                    methods.add(ItipRules.method(calendar));
                    sequences.add(ItipRules.sequence(calendar));
                }
            }
        }
        assertThat(methods).containsExactly("REQUEST", "CANCEL", "REQUEST", "CANCEL");
        assertThat(sequences).containsExactly(0, 1, 2, 3);
        assertThat(jdbc.sql("SELECT sequence FROM calendar_sequence WHERE registration_id = ? AND session_id = ?")
                .params(confirmed.registrationId(), "day-1").query(Integer.class).single()).isEqualTo(3);
    }

    private static SessionsChanged changed(RegistrationDecided decided, List<SessionOutcome> sessions,
                                           List<SessionOutcome> released) {
        return new SessionsChanged(Schema.newMessageId(), Schema.now(), Schema.VERSION, decided.registrationId(),
                SampleDecisions.KONGRES.id(), Schema.newMessageId(), RegistrationStatus.CONFIRMED, null, sessions,
                released, SampleDecisions.KONGRES);
    }
}
