package org.rushreg.notification.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rushreg.notification.TestInbox.findPart;
import static org.rushreg.notification.TestInbox.text;
import static org.rushreg.notification.TestInbox.uniqueAddress;

import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.DeliveryStatus;
import org.rushreg.messages.NotificationOutcome;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.RejectionReason;
import org.rushreg.notification.SampleDecisions;
import org.rushreg.notification.ServiceIntegrationTest;
import org.rushreg.notification.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 15's email cannon: duplicates of someone's registration, posted by anyone, remind that person at most once
 * per event and {@code REMINDER_INTERVAL}, greeting the name they registered with. Real Kafka (three partitions, so
 * several consumer threads), PostgreSQL and SMTP server; only the clock is the test's.
 */
@TestPropertySource(properties = {
        "notification.reminders.interval=24h"})
class ReminderLimitIntegrationTest extends ServiceIntegrationTest {

    private static final TestClock CLOCK = new TestClock(Instant.parse("2024-09-01T08:00:00Z"));

    @TestConfiguration
    static class TheTestsClock {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    @Autowired
    private DecisionNotifier notifier;

    @Test
    void twentyDuplicatesSendOneReminderThatGreetsTheRegisteredName() throws Exception {
        String address = uniqueAddress("anna");
        RegistrationDecided original = registered(address);
        List<RegistrationDecided> duplicates = duplicates(address, 20);

        kafka.publish(duplicates);

        await().atMost(PATIENCE).until(() -> handled(duplicates));
        assertThat(outcomesOf(duplicates)).extracting(NotificationOutcome::status)
                .containsOnly(DeliveryStatus.SENT, DeliveryStatus.SUPPRESSED)
                .filteredOn(s -> s == DeliveryStatus.SENT).hasSize(1);
        List<MimeMessage> toAnna = INBOX.to(address);
        assertThat(toAnna).hasSize(2);
        MimeMessage reminder = toAnna.get(1);
        assertThat(reminder.getSubject()).startsWith("You are already registered");
        String body = text(findPart(reminder, "text/plain"));
        assertThat(body).contains("Hello Anna,")
                .contains("/registrations/" + original.registrationId() + "/manage?token=")
                .doesNotContain("Mallory", "Intruz");
        assertThat(text(findPart(reminder, "text/html"))).contains("Anna,").doesNotContain("Mallory", "Intruz");
    }

    @Test
    void aDuplicateAfterTheIntervalIsRemindedAgain() throws Exception {
        String address = uniqueAddress("ola");
        registered(address);
        RegistrationDecided first = duplicates(address, 1).get(0);
        kafka.publish(first);
        awaitReported(first, DeliveryStatus.SENT);
        CLOCK.advance(Duration.ofHours(23));
        RegistrationDecided withinADay = duplicates(address, 1).get(0);
        kafka.publish(withinADay);
        awaitReported(withinADay, DeliveryStatus.SUPPRESSED);

        CLOCK.advance(Duration.ofHours(1));
        RegistrationDecided aDayLater = duplicates(address, 1).get(0);
        kafka.publish(aDayLater);

        awaitReported(aDayLater, DeliveryStatus.SENT);
        List<MimeMessage> toOla = INBOX.to(address);
        assertThat(toOla).hasSize(3);
        assertThat(toOla.subList(1, 3)).extracting(MimeMessage::getMessageID).containsExactly(
                "<" + first.messageId() + "@rushreg>", "<" + aDayLater.messageId() + "@rushreg>");
    }

    @Test
    void twentyDuplicatesHandledAtOnceOnSeveralThreadsSendOneReminderAndRedeliveriesNone() throws Exception {
        String address = uniqueAddress("ewa");
        registered(address);
        List<RegistrationDecided> duplicates = duplicates(address, 20);

        // Each duplicate on its own thread, all let go at once: the claim, not the order, decides which one sends.
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(duplicates.size());
        try {
            List<Future<Boolean>> handled = duplicates.stream()
                    .map(d -> threads.submit(() -> {
                        go.await();
                        return notifier.handle(d);
                    })).toList();
            go.countDown();
            for (Future<Boolean> done : handled) {
                assertThat(done.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
        // Kafka delivers at least once: every duplicate again, one after another.
        duplicates.forEach(notifier::handle);

        assertThat(INBOX.to(address)).hasSize(2);
        await().atMost(PATIENCE).until(() -> handled(duplicates));
        assertThat(outcomesOf(duplicates)).hasSize(20)
                .filteredOn(o -> o.status() == DeliveryStatus.SENT).hasSize(1);
    }

    /** The person's own registration, confirmed and emailed. */
    private RegistrationDecided registered(String address) {
        RegistrationDecided original = SampleDecisions.confirmed(address, "en", SampleDecisions.DAY_1);
        kafka.publish(original);
        awaitReported(original, DeliveryStatus.SENT);
        return original;
    }

    /** What someone else's posts with that address become: other names, the address in other spellings. */
    private static List<RegistrationDecided> duplicates(String address, int count) {
        return IntStream.range(0, count).mapToObj(i -> SampleDecisions.decided(RegistrationStatus.REJECTED,
                RejectionReason.ALREADY_REGISTERED,
                new Recipient("Mallory", "Intruz", i % 2 == 0 ? address : " " + address.toUpperCase() + " ", "en")))
                .toList();
    }

    private boolean handled(List<RegistrationDecided> decisions) {
        return outcomesOf(decisions).stream().map(NotificationOutcome::decisionId).distinct().count()
                == decisions.size();
    }

    /** The final outcomes (SENT or SUPPRESSED) reported for these decisions. */
    private List<NotificationOutcome> outcomesOf(List<RegistrationDecided> decisions) {
        List<String> ids = decisions.stream().map(RegistrationDecided::messageId).toList();
        return kafka.outcomes().stream().filter(o -> ids.contains(o.decisionId()))
                .filter(o -> o.status() == DeliveryStatus.SENT || o.status() == DeliveryStatus.SUPPRESSED).toList();
    }

    private void awaitReported(RegistrationDecided decided, DeliveryStatus status) {
        await().atMost(PATIENCE).until(() -> kafka.reported(decided, status));
    }
}
