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
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationHeld;
import org.rushreg.messages.RegistrationHoldExpired;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.notification.SampleDecisions;
import org.rushreg.notification.ServiceIntegrationTest;

/**
 * Email verification holds (decision 0030) through the service: a hold gets the verification email with its link,
 * the verified decision (which names nobody) the confirmation to the hold's address, an expired hold a short note;
 * nothing else goes to an address that has not been verified.
 */
class HoldEmailsIntegrationTest extends ServiceIntegrationTest {

    @Test
    void aHoldGetsTheVerificationLinkAndItsVerifiedDecisionTheConfirmationToTheSameAddress() throws Exception {
        RegistrationHeld held = SampleDecisions.held(uniqueAddress("zofia"), "en");
        RegistrationDecided verified = SampleDecisions.verified(held);

        kafka.publish(held);
        awaitReported(held, DeliveryStatus.SENT);
        List<MimeMessage> emails = INBOX.to(held.recipient().email());
        assertThat(emails).hasSize(1);
        MimeMessage verification = emails.get(0);
        assertThat(verification.getSubject()).startsWith("Confirm your email address");
        String body = text(findPart(verification, "text/plain"));
        assertThat(body).contains("Hello Zofia,", "seat held",
                "https://kongres.example.org/registrations/" + held.registrationId() + "/verify?token=");
        assertThat(findPart(verification, "text/calendar")).as("nothing decided yet, nothing in the calendar").isNull();
        assertThat(findPart(verification, "image/png")).as("no ticket for a hold").isNull();

        kafka.publish(verified);
        awaitReported(verified, DeliveryStatus.SENT);
        emails = INBOX.to(held.recipient().email());
        assertThat(emails).hasSize(2);
        MimeMessage confirmation = emails.get(1);
        assertThat(confirmation.getSubject()).startsWith("Registration confirmed");
        assertThat(text(findPart(confirmation, "text/plain"))).contains("Hello Zofia,",
                "/registrations/" + held.registrationId() + "/manage?token=");
        assertThat(findPart(confirmation, "text/calendar")).isNotNull();
        assertThat(kafka.outcomes()).filteredOn(o -> o.registrationId().equals(held.registrationId()))
                .extracting(NotificationOutcome::kind).containsExactlyInAnyOrder("VERIFY_EMAIL", "CONFIRMED");
    }

    @Test
    void aPromotionWhileHeldSendsNothingTheVerifiedDecisionTellsTheSeat() throws Exception {
        RegistrationHeld held = SampleDecisions.held(uniqueAddress("piotr"), "pl");
        RegistrationOutcome promoted = SampleDecisions.promoted(held.registrationId());
        RegistrationDecided verified = SampleDecisions.verified(held);

        // One key, one partition: the promotion is handled before the verified decision is reported.
        kafka.publish(held, promoted, verified);

        awaitReported(verified, DeliveryStatus.SENT);
        assertThat(INBOX.to(held.recipient().email())).extracting(MimeMessage::getSubject)
                .satisfiesExactly(s -> assertThat(s).startsWith("Potwierdź swój adres e-mail"),
                        s -> assertThat(s).startsWith("Potwierdzenie rejestracji"));
    }

    @Test
    void anExpiredHoldGetsOneShortNoteWithoutLinks() throws Exception {
        RegistrationHeld held = SampleDecisions.held(uniqueAddress("ewa"), "pl");
        RegistrationHoldExpired expired = SampleDecisions.expired(held);

        kafka.publish(held, expired);

        awaitReported(expired, DeliveryStatus.SENT);
        List<MimeMessage> emails = INBOX.to(held.recipient().email());
        assertThat(emails).extracting(MimeMessage::getSubject)
                .satisfiesExactly(s -> assertThat(s).startsWith("Potwierdź swój adres e-mail"),
                        s -> assertThat(s).startsWith("Rezerwacja wygasła"));
        String note = text(findPart(emails.get(1), "text/plain"));
        assertThat(note).contains("Dzień dobry Zofia,", "nie została potwierdzona do", "zarejestruj się ponownie")
                .doesNotContain("token=");
        assertThat(findPart(emails.get(1), "text/calendar")).isNull();
    }

    private void awaitReported(RegistrationOutcome outcome, DeliveryStatus status) {
        await().atMost(PATIENCE).until(() -> kafka.reported(outcome, status));
    }
}
