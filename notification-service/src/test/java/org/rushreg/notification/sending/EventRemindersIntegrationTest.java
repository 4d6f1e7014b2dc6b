package org.rushreg.notification.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rushreg.notification.TestInbox.findPart;
import static org.rushreg.notification.TestInbox.text;
import static org.rushreg.notification.TestInbox.uniqueAddress;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.DeliveryStatus;
import org.rushreg.messages.EventSummary;
import org.rushreg.messages.NotificationOutcome;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.RegistrationCancelled;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.RegistrationPromoted;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.tickets.QrReading;
import org.rushreg.messages.tickets.Ticket;
import org.rushreg.messages.tickets.TicketCode;
import org.rushreg.notification.SampleDecisions;
import org.rushreg.notification.ServiceIntegrationTest;
import org.rushreg.notification.TestClock;
import org.rushreg.notification.rendering.DecisionEmailRenderer;
import org.rushreg.notification.delivery.MailDelivery;
import org.rushreg.notification.delivery.MailSettings;
import org.rushreg.notification.delivery.SmtpConnections;
import org.rushreg.notification.delivery.SmtpCircuit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Reminders before the event (decision 0028) through the running service: decisions through real Kafka, the
 * recipients and claims in PostgreSQL, the emails through an SMTP server; the scheduled job checks every 300 ms on a
 * clock the test sets. Each test has an event of its own, months apart, so that no test's people fall due in another.
 */
@TestPropertySource(properties = {
        "notification.event-reminders.before=P1D,PT2H",
        "notification.event-reminders.check-interval=PT0.3S",
        "notification.event-reminders.first-check-after=PT0.3S",
        "notification.event-reminders.batch-size=2"})
class EventRemindersIntegrationTest extends ServiceIntegrationTest {

    private static final TestClock CLOCK = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));

    @TestConfiguration
    static class TheTestsClock {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    @Autowired
    private EventReminders reminders;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void everyoneConfirmedIsRemindedOncePerOffsetWithSessionsVenueTicketAndManageLink(
            @Autowired EventReminderSettings settings, @Autowired MailSettings mail,
            @Autowired DecisionEmailRenderer renderer, @Autowired MailDelivery delivery,
            @Autowired SmtpConnections connections,
            @Autowired SmtpCircuit smtp, @Autowired KafkaTemplate<byte[], byte[]> template,
            @Autowired MeterRegistry meters) throws Exception {
        Instant start = Instant.parse("2030-03-10T08:00:00Z");
        EventSummary forum = event("forum-march", start);
        CLOCK.set(start.minus(Duration.ofDays(3)));
        // Three people, more than a batch (2): the job reads them in rounds.
        List<RegistrationDecided> confirmed = new ArrayList<>();
        for (String who : List.of("anna", "jan", "ola")) {
            confirmed.add(decided(RegistrationStatus.CONFIRMED, who, who.equals("jan") ? "pl" : "en", forum,
                    session("plenary", "Plenary", start, SessionStatus.CONFIRMED, null),
                    session("walk", "Study walk", start.plus(Duration.ofHours(6)), SessionStatus.WAITLISTED, 4)));
        }
        kafka.publish(confirmed);
        confirmed.forEach(d -> awaitReported(d.messageId(), DeliveryStatus.SENT));

        CLOCK.set(start.minus(Duration.ofDays(1)).minusSeconds(60));
        reminders.check();
        assertThat(confirmed).allSatisfy(d -> assertThat(emailsTo(d)).hasSize(1));

        CLOCK.set(start.minus(Duration.ofDays(1)).plusSeconds(60));
        await().atMost(PATIENCE).until(() -> confirmed.stream().allMatch(d -> emailsTo(d).size() == 2));

        // A second run, and two instances' jobs let go at once on several threads: nobody gets a second one.
        EventReminders secondInstance = new EventReminders(settings, new Recipients(jdbc), new SentEmails(jdbc),
                renderer, delivery, connections, smtp, new NotificationOutcomes(template), mail, CLOCK, meters);
        assertThat(reminders.check()).isZero();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (EventReminders job : List.of(reminders, secondInstance, reminders, secondInstance)) {
                runs.add(threads.submit(() -> {
                    go.await();
                    return job.check();
                }));
            }
            go.countDown();
            for (Future<Integer> run : runs) {
                assertThat(run.get()).isZero();
            }
        } finally {
            threads.shutdownNow();
        }
        for (RegistrationDecided d : confirmed) {
            assertThat(emailsTo(d)).hasSize(2);
            MimeMessage reminder = emailsTo(d).get(1);
            boolean polish = d.recipient().locale().equals("pl");
            assertThat(reminder.getSubject()).isEqualTo((polish ? "Przypomnienie: " : "Reminder: ") + forum.name());
            assertThat(reminder.getMessageID()).isEqualTo("<reminder-PT24H-" + d.registrationId() + "@rushreg>");
            String text = text(findPart(reminder, "text/plain"));
            String html = text(findPart(reminder, "text/html"));
            for (String body : List.of(text, html)) {
                assertThat(body).contains("Plenary", polish ? "10 marca 2030, 09:00" : "10 March 2030, 09:00",
                        "Centrum Kongresowe ICE", "ul. Marii Konopnickiej 17, Kraków",
                        "https://kongres.example.org/registrations/" + d.registrationId() + "/manage?token=")
                        .doesNotContain("Study walk");
            }
            assertThat(text).contains(polish ? "Dzień dobry " + d.recipient().firstName()
                    : "Hello " + d.recipient().firstName());
            Part image = findPart(reminder, "image/png");
            Ticket ticket = TicketCode.verifyingWith(TicketCode.withKeyOrRandom(SampleDecisions.TICKET_KEY)
                    .publicKey()).verify(QrReading.textOf(image.getInputStream().readAllBytes())).orElseThrow();
            assertThat(ticket.registrationId()).isEqualTo(d.registrationId());
            assertThat(ticket.eventId()).isEqualTo(forum.id());
            assertThat(text).contains(ticket.shortCode());
            assertThat(html).contains("cid:" + ((MimeBodyPart) image).getContentID().replaceAll("[<>]", ""));
            assertThat(findPart(reminder, "text/calendar")).isNull();
            // reported after the email went out (the outcome's send lingers up to 100 ms)
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(reminderOutcomes(d))
                    .extracting(NotificationOutcome::status).containsExactly(DeliveryStatus.SENT));
        }

        // Two hours before: the second reminder, a message of its own.
        CLOCK.set(start.minus(Duration.ofHours(2)).plusSeconds(60));
        await().atMost(PATIENCE).until(() -> confirmed.stream().allMatch(d -> emailsTo(d).size() == 3));
        reminders.check();
        for (RegistrationDecided d : confirmed) {
            assertThat(emailsTo(d)).hasSize(3);
            assertThat(emailsTo(d).get(2).getMessageID()).isEqualTo("<reminder-PT2H-" + d.registrationId()
                    + "@rushreg>");
        }
    }

    @Test
    void theWaitlistedAndTheCancelledGetNoReminderAndThePromotedGetOne() throws Exception {
        Instant start = Instant.parse("2030-05-10T08:00:00Z");
        EventSummary forum = event("forum-may", start);
        CLOCK.set(start.minus(Duration.ofDays(5)));
        SessionOutcome plenary = session("plenary", "Plenary", start, SessionStatus.CONFIRMED, null);
        RegistrationDecided waitlisted = decided(RegistrationStatus.WAITLISTED, "wait", "en", forum,
                with(plenary, SessionStatus.WAITLISTED, 2));
        RegistrationDecided toCancel = decided(RegistrationStatus.CONFIRMED, "cancel", "en", forum, plenary);
        RegistrationDecided toPromote = decided(RegistrationStatus.WAITLISTED, "promote", "pl", forum,
                with(plenary, SessionStatus.WAITLISTED, 1));
        kafka.publish(waitlisted, toCancel, toPromote);
        List.of(waitlisted, toCancel, toPromote).forEach(d -> awaitReported(d.messageId(), DeliveryStatus.SENT));
        CLOCK.set(start.minus(Duration.ofDays(4)));
        RegistrationCancelled cancelled = new RegistrationCancelled(Schema.newMessageId(), CLOCK.instant(),
                Schema.VERSION, toCancel.registrationId(), forum.id(), List.of(with(plenary, SessionStatus.CANCELLED,
                null)), forum);
        RegistrationPromoted promoted = new RegistrationPromoted(Schema.newMessageId(), CLOCK.instant(),
                Schema.VERSION, toPromote.registrationId(), forum.id(), "plenary", RegistrationStatus.CONFIRMED,
                List.of(plenary), forum);
        kafka.publish(List.<RegistrationOutcome>of(cancelled, promoted));
        awaitReported(cancelled.messageId(), DeliveryStatus.SENT);
        awaitReported(promoted.messageId(), DeliveryStatus.SENT);

        CLOCK.set(start.minus(Duration.ofDays(1)).plusSeconds(60));

        await().atMost(PATIENCE).until(() -> emailsTo(toPromote).size() == 3);
        reminders.check();
        MimeMessage reminder = emailsTo(toPromote).get(2);
        assertThat(reminder.getSubject()).startsWith("Przypomnienie");
        assertThat(text(findPart(reminder, "text/plain"))).contains("Plenary", "potwierdzone");
        assertThat(emailsTo(waitlisted)).hasSize(1);
        assertThat(emailsTo(toCancel)).hasSize(2);
        assertThat(reminderOutcomes(waitlisted)).isEmpty();
        assertThat(reminderOutcomes(toCancel)).isEmpty();
    }

    @Test
    void aReminderThatFellDueWhileNothingCheckedGoesOutBeforeTheStartAndNeverAfterIt() throws Exception {
        Instant early = Instant.parse("2030-07-10T08:00:00Z");
        Instant late = Instant.parse("2030-09-10T08:00:00Z");
        EventSummary july = event("forum-july", early);
        EventSummary september = event("forum-september", late);
        CLOCK.set(early.minus(Duration.ofDays(3)));
        RegistrationDecided beforeTheStart = decided(RegistrationStatus.CONFIRMED, "before", "en", july,
                session("plenary", "Plenary", early, SessionStatus.CONFIRMED, null));
        RegistrationDecided afterTheStart = decided(RegistrationStatus.CONFIRMED, "after", "en", september,
                session("plenary", "Plenary", late, SessionStatus.CONFIRMED, null));
        kafka.publish(beforeTheStart, afterTheStart);
        awaitReported(beforeTheStart.messageId(), DeliveryStatus.SENT);
        awaitReported(afterTheStart.messageId(), DeliveryStatus.SENT);

        // The day-before moment passes unseen (the clock jumps over it, as over a service that was down): the
        // reminder goes out five hours before the start, when the job looks again.
        CLOCK.set(early.minus(Duration.ofHours(5)));
        await().atMost(PATIENCE).until(() -> emailsTo(beforeTheStart).size() == 2);
        assertThat(emailsTo(beforeTheStart).get(1).getMessageID())
                .isEqualTo("<reminder-PT24H-" + beforeTheStart.registrationId() + "@rushreg>");

        // Both reminders' moments pass unseen, and the event has started: none, ever.
        CLOCK.set(late.plusSeconds(60));
        reminders.check();
        reminders.check();
        assertThat(emailsTo(afterTheStart)).hasSize(1);
        assertThat(reminderOutcomes(afterTheStart)).isEmpty();
    }

    @Test
    void aClaimLeftByAnInstanceThatDiedMidSendIsTakenOverOnceItIsStale() throws Exception {
        Instant start = Instant.parse("2030-11-10T08:00:00Z");
        EventSummary forum = event("forum-november", start);
        CLOCK.set(start.minus(Duration.ofDays(3)));
        RegistrationDecided confirmed = decided(RegistrationStatus.CONFIRMED, "claimed", "en", forum,
                session("plenary", "Plenary", start, SessionStatus.CONFIRMED, null));
        kafka.publish(confirmed);
        awaitReported(confirmed.messageId(), DeliveryStatus.SENT);
        Instant due = start.minus(Duration.ofDays(1)).plusSeconds(60);
        // Another instance claimed the reminder and was killed before the server's answer.
        jdbc.sql("INSERT INTO sent_email (registration_id, decision_id, kind, status, recorded_at) "
                        + "VALUES (?, 'reminder:PT24H', 'REMINDER', 'SENDING', ?)")
                .params(confirmed.registrationId(), Timestamp.from(due)).update();

        CLOCK.set(due);
        reminders.check();
        assertThat(emailsTo(confirmed)).hasSize(1);

        CLOCK.set(due.plus(Duration.ofMinutes(10)));
        await().atMost(PATIENCE).until(() -> emailsTo(confirmed).size() == 2);
        reminders.check();
        assertThat(emailsTo(confirmed)).hasSize(2);
        assertThat(jdbc.sql("SELECT status FROM sent_email WHERE registration_id = ? AND decision_id = 'reminder:PT24H'")
                .param(confirmed.registrationId()).query(String.class).single()).isEqualTo("SENT");
    }

    private static EventSummary event(String id, Instant start) {
        LocalDate day = start.atZone(ZoneId.of("Europe/Warsaw")).toLocalDate();
        return new EventSummary(id, "Forum Miejskie " + id, "Centrum Kongresowe ICE",
                "ul. Marii Konopnickiej 17, Kraków", "Europe/Warsaw", day, day, "forum@example.org");
    }

    private static SessionOutcome session(String id, String title, Instant start, SessionStatus status,
                                          Integer position) {
        return new SessionOutcome(id, title, start, start.plus(Duration.ofHours(2)), status, position);
    }

    private static SessionOutcome with(SessionOutcome session, SessionStatus status, Integer position) {
        return SampleDecisions.with(session, status, position);
    }

    /** A first decision made now on the test's clock, for someone with an address of their own. */
    private static RegistrationDecided decided(RegistrationStatus status, String who, String locale,
                                               EventSummary event, SessionOutcome... sessions) {
        String name = Character.toUpperCase(who.charAt(0)) + who.substring(1);
        return new RegistrationDecided(Schema.newMessageId(), CLOCK.instant(), Schema.VERSION,
                java.util.UUID.randomUUID().toString(), event.id(), Schema.newMessageId(), CLOCK.instant(), status,
                null, List.of(sessions), event, new Recipient(name, "Testowa", uniqueAddress(who), locale));
    }

    private static List<MimeMessage> emailsTo(RegistrationDecided decided) {
        return INBOX.to(decided.recipient().email());
    }

    private List<NotificationOutcome> reminderOutcomes(RegistrationDecided decided) {
        return kafka.outcomes().stream().filter(o -> o.registrationId().equals(decided.registrationId()))
                .filter(o -> "REMINDER".equals(o.kind())).toList();
    }

    private void awaitReported(String decisionId, DeliveryStatus status) {
        await().atMost(PATIENCE).until(() -> kafka.outcomes().stream()
                .anyMatch(o -> o.status() == status && decisionId.equals(o.decisionId())));
    }
}
