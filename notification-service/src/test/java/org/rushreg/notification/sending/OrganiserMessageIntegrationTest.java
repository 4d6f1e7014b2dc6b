package org.rushreg.notification.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rushreg.notification.TestInbox.findPart;
import static org.rushreg.notification.TestInbox.text;
import static org.rushreg.notification.TestInbox.uniqueAddress;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.DeliveryStatus;
import org.rushreg.messages.NotificationOutcome;
import org.rushreg.messages.OrganiserMessageAddressed;
import org.rushreg.messages.RegistrationCancelled;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.Schema;
import org.rushreg.notification.SampleDecisions;
import org.rushreg.notification.ServiceIntegrationTest;

/**
 * An organiser's message (decision 0042) through the running service (embedded broker, PostgreSQL, SMTP server):
 * each addressed registration gets one email, in its language, with the organiser's subject and text, reported on
 * notification.outcomes as ORGANISER_MESSAGE; a redelivered message sends nothing more.
 */
class OrganiserMessageIntegrationTest extends ServiceIntegrationTest {

    @Test
    void eachAddressedRegistrationGetsTheMessageOnceInItsLanguageAndItIsReported() throws Exception {
        RegistrationDecided polish = SampleDecisions.confirmed(uniqueAddress("zofia"), "pl", SampleDecisions.WALK);
        RegistrationDecided english = SampleDecisions.confirmed(uniqueAddress("john"), "en", SampleDecisions.WALK);
        kafka.publish(polish, english);
        await().atMost(PATIENCE).until(() -> kafka.reportedAll(List.of(polish, english), DeliveryStatus.SENT));

        String commandId = Schema.newMessageId();
        OrganiserMessageAddressed toZofia = addressed(polish, commandId);
        OrganiserMessageAddressed toJohn = addressed(english, commandId);
        // Each twice, as after a rebalance; then one more email on one key, so that once it is reported the repeats
        // before it have been handled.
        RegistrationCancelled zofiaCancels = SampleDecisions.cancelled(polish.registrationId(), SampleDecisions.WALK);
        kafka.publish(toZofia, toJohn, toZofia, toJohn, zofiaCancels);
        await().atMost(PATIENCE).until(() -> kafka.reportedAll(List.of(toZofia, toJohn, zofiaCancels),
                DeliveryStatus.SENT));

        List<MimeMessage> zofiasInbox = INBOX.to(polish.recipient().email());
        assertThat(zofiasInbox).as("decision, the message once, cancellation").hasSize(3);
        MimeMessage pl = zofiasInbox.get(1);
        assertThat(pl.getSubject()).startsWith("Zmiana sali");
        assertThat(text(findPart(pl, "text/plain"))).contains("Wiadomość od organizatorów",
                "Spacer zaczyna się przy wejściu B.", "Prosimy o wygodne buty.").doesNotContain("room B");
        assertThat(text(findPart(pl, "text/html"))).contains("Spacer zaczyna się przy wejściu B.");

        MimeMessage en = INBOX.to(english.recipient().email()).stream()
                .filter(m -> subjectOf(m).startsWith("Room change")).findFirst().orElseThrow();
        assertThat(text(findPart(en, "text/plain"))).contains("A message from the organisers",
                "The walk starts at entrance B.").doesNotContain("wejściu");
        assertThat(INBOX.to(english.recipient().email())).as("decision and the message once").hasSize(2);

        assertThat(kafka.outcomes()).filteredOn(o -> o.decisionId().equals(toJohn.messageId()))
                .extracting(NotificationOutcome::kind).containsOnly("ORGANISER_MESSAGE");
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OrganiserMessageAddressed addressed(RegistrationDecided decided, String commandId) {
        return new OrganiserMessageAddressed(Schema.newMessageId(), Schema.now(), Schema.VERSION,
                decided.registrationId(), decided.eventId(), commandId, "msg-1", "walk-revitalisation",
                RegistrationStatus.CONFIRMED, decided.sessions(), SampleDecisions.KONGRES,
                "Zmiana sali", "Spacer zaczyna się przy wejściu B.\n\nProsimy o wygodne buty.",
                "Room change", "The walk starts at entrance B.\n\nPlease wear comfortable shoes.");
    }
}
