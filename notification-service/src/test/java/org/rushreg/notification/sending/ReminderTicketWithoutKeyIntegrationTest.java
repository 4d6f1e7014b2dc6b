package org.rushreg.notification.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rushreg.notification.TestInbox.findPart;
import static org.rushreg.notification.TestInbox.uniqueAddress;

import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.DeliveryStatus;
import org.rushreg.messages.EventSummary;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.tickets.QrReading;
import org.rushreg.notification.ServiceIntegrationTest;
import org.rushreg.notification.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * Without TICKET_SIGNING_KEY every ticket of a run is signed with one random key: the reminder's ticket is the
 * confirmation's, so the two emails never show a person two different codes. Its event is in 2032, where no other
 * test's clock stands, so only this test's reminder job sends the reminder.
 */
@TestPropertySource(properties = {
        "notification.ticket-signing-key=",
        "notification.event-reminders.before=P1D",
        "notification.event-reminders.first-check-after=PT1H"})
class ReminderTicketWithoutKeyIntegrationTest extends ServiceIntegrationTest {

    private static final Instant START = Instant.parse("2032-04-20T08:00:00Z");
    private static final TestClock CLOCK = new TestClock(START.minus(Duration.ofDays(3)));

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

    @Test
    void theReminderCarriesTheSameTicketAsTheConfirmation() throws Exception {
        EventSummary event = new EventSummary("forum-april-2032", "Forum Miejskie 2032", "Centrum Kongresowe ICE",
                "ul. Marii Konopnickiej 17, Kraków", "Europe/Warsaw", LocalDate.of(2032, 4, 20),
                LocalDate.of(2032, 4, 20), "forum@example.org");
        SessionOutcome plenary = new SessionOutcome("plenary", "Plenary", START, START.plus(Duration.ofHours(2)),
                SessionStatus.CONFIRMED, null);
        String address = uniqueAddress("ticket");
        RegistrationDecided confirmed = new RegistrationDecided(Schema.newMessageId(), CLOCK.instant(),
                Schema.VERSION, UUID.randomUUID().toString(), event.id(), Schema.newMessageId(), CLOCK.instant(),
                RegistrationStatus.CONFIRMED, null, List.of(plenary), event,
                new Recipient("Anna", "Nowak", address, "en"));
        kafka.publish(confirmed);
        await().atMost(PATIENCE).until(() -> kafka.reported(confirmed, DeliveryStatus.SENT));

        CLOCK.set(START.minus(Duration.ofDays(1)).plusSeconds(60));
        reminders.check();

        await().atMost(PATIENCE).until(() -> INBOX.to(address).size() == 2);
        List<MimeMessage> emails = INBOX.to(address);
        assertThat(emails.get(1).getMessageID()).startsWith("<reminder-");
        assertThat(ticketCode(emails.get(1))).isEqualTo(ticketCode(emails.get(0)));
    }

    private static String ticketCode(MimeMessage email) throws Exception {
        Part image = findPart(email, "image/png");
        assertThat(image).as("the ticket's QR code").isNotNull();
        return QrReading.textOf(image.getInputStream().readAllBytes());
    }
}
