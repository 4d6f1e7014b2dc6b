package org.rushreg.notification.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.DeliveryStatus;
import org.rushreg.messages.EventSummary;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionStatus;
import org.rushreg.notification.NotificationServiceApplication;
import org.rushreg.notification.TestClock;
import org.rushreg.notification.TestInbox;
import org.rushreg.notification.TestKafka;
import org.rushreg.notification.TestPostgres;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** The service as a process, stopped and started again after a reminder went out: the new one does not repeat it. */
@EmbeddedKafka(partitions = 3,
        topics = {"registration.decisions", "notification.outcomes", "registration.decisions.dlq"},
        brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
class EventRemindersRestartTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final TestInbox INBOX = new TestInbox();
    private static final Instant START = Instant.parse("2031-02-10T08:00:00Z");
    private static final TestClock CLOCK = new TestClock(START.minus(Duration.ofDays(3)));

    /**
     * The test's clock in place of the service's: a source of the application, not a {@code @Configuration}, so that
     * no other test's component scan picks it up.
     */
    static class TheTestsClock {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    @AfterAll
    static void stopMailServer() {
        INBOX.stop();
    }

    @Test
    void aReminderSentBeforeARestartIsNotSentAgainAfterIt(EmbeddedKafkaBroker broker) {
        EventSummary event = new EventSummary("forum-restart", "Forum Miejskie", "Centrum Kongresowe ICE",
                "ul. Marii Konopnickiej 17, Kraków", "Europe/Warsaw", LocalDate.of(2031, 2, 10),
                LocalDate.of(2031, 2, 10), "forum@example.org");
        String address = TestInbox.uniqueAddress("restart-reminder");
        RegistrationDecided confirmed = new RegistrationDecided(Schema.newMessageId(), CLOCK.instant(),
                Schema.VERSION, UUID.randomUUID().toString(), event.id(), Schema.newMessageId(), CLOCK.instant(),
                RegistrationStatus.CONFIRMED, null, List.of(new SessionOutcome("plenary", "Plenary", START,
                        START.plus(Duration.ofHours(2)), SessionStatus.CONFIRMED, null)), event,
                new Recipient("Ola", "Testowa", address, "pl"));
        try (TestKafka kafka = new TestKafka(broker.getBrokersAsString())) {
            try (ConfigurableApplicationContext first = start(broker)) {
                kafka.publish(confirmed);
                await().atMost(PATIENCE).until(() -> kafka.reported(confirmed, DeliveryStatus.SENT));
                CLOCK.set(START.minus(Duration.ofDays(1)).plusSeconds(60));
                await().atMost(PATIENCE).until(() -> INBOX.to(address).size() == 2);
            }

            try (ConfigurableApplicationContext second = start(broker)) {
                // Its scheduled check and one more of our own: the reminder is recorded, nothing goes out.
                EventReminders reminders = second.getBean(EventReminders.class);
                assertThat(reminders.check()).isZero();
                await().atMost(PATIENCE).until(() -> kafka.outcomes().stream()
                        .anyMatch(o -> "REMINDER".equals(o.kind()) && o.status() == DeliveryStatus.SENT));
                assertThat(reminders.check()).isZero();
                assertThat(INBOX.to(address)).hasSize(2);
                assertThat(kafka.outcomes()).filteredOn(o -> "REMINDER".equals(o.kind())).hasSize(1);
            }
        }
    }

    private static ConfigurableApplicationContext start(EmbeddedKafkaBroker broker) {
        return new SpringApplicationBuilder(NotificationServiceApplication.class, TheTestsClock.class).run(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.cloud.stream.kafka.binder.brokers=" + broker.getBrokersAsString(),
                "--spring.datasource.url=" + TestPostgres.jdbcUrl(),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + INBOX.smtpPort(),
                "--notification.manage-link-secret=restart-test-secret-0123456789",
                "--notification.event-reminders.check-interval=PT0.3S",
                "--notification.event-reminders.first-check-after=PT0.3S");
    }
}
