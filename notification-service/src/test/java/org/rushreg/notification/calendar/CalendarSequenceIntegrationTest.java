package org.rushreg.notification.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rushreg.notification.TestInbox.uniqueAddress;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import org.rushreg.notification.TestInbox;
import org.rushreg.notification.TestKafka;
import org.rushreg.notification.TestPostgres;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The calendar files of one registration through the whole service (embedded broker, PostgreSQL, SMTP server): each
 * entry keeps its UID and its SEQUENCE only grows, across a session dropped and chosen again, kept in the database.
 */
@SpringBootTest(properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "notification.manage-link-secret=integration-test-secret-0123456789",
        "notification.public-url=https://kongres.example.org",
        "notification.from=no-reply@kongres.example.org",
        "notification.calendar-organizer=kalendarz@kongres.example.org"})
@EmbeddedKafka(partitions = 3,
        topics = {"registration.decisions", "notification.outcomes", "registration.decisions.dlq"},
        brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
class CalendarSequenceIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final TestInbox INBOX = new TestInbox();

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private JdbcClient jdbc;

    private TestKafka kafka;

    @DynamicPropertySource
    static void mailServerAndDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", INBOX::smtpPort);
        TestPostgres.register(registry);
        registry.add("notification.ticket-signing-key", () -> SampleDecisions.TICKET_KEY);
    }

    @AfterAll
    static void stopMailServer() {
        INBOX.stop();
    }

    @BeforeEach
    void readOutcomes() {
        kafka = new TestKafka(broker.getBrokersAsString());
    }

    @AfterEach
    void closeReader() {
        kafka.close();
    }

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
            for (Calendar calendar : calendars(email)) {
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

    /** Every calendar attachment of an email, each checked against RFC 5546's rules for its method. */
    private static List<Calendar> calendars(MimeMessage email) throws Exception {
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
