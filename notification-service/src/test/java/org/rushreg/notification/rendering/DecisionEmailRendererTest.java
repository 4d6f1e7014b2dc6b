package org.rushreg.notification.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.EventSummary;
import org.rushreg.messages.ManageToken;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.RejectionReason;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.SessionsChanged;
import org.rushreg.messages.Texts;
import org.rushreg.notification.SampleDecisions;
import org.rushreg.notification.delivery.MailDelivery;
import org.rushreg.notification.delivery.MailSettings;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class DecisionEmailRendererTest {

    private static final String SECRET = "a-secret-of-at-least-16-chars";

    private final DecisionEmailRenderer renderer =
            new DecisionEmailRenderer(new ManageLinks("https://kongres.example.org", SECRET),
                    new EmailTickets(SampleDecisions.TICKET_KEY));

    private final MailDelivery delivery = new MailDelivery(new JavaMailSenderImpl(),
            new MailSettings("no-reply@kongres.example.org", null, null, null, null), null);

    @Test
    void confirmationInPolishNamesTheEventSessionsTimesAndManageLink() {
        RegistrationDecided decided = SampleDecisions.confirmed("anna@example.org", "pl", SampleDecisions.DAY_1,
                SampleDecisions.WALK);

        DecisionEmail email = renderer.render(decided, SampleDecisions.FIRST_FILES);

        assertThat(email.subject()).isEqualTo("Potwierdzenie rejestracji: IV Kongres Polityki Miejskiej i Regionalnej");
        for (String body : new String[] {email.text(), email.html()}) {
            assertThat(body).contains("IV Kongres Polityki Miejskiej i Regionalnej", "została potwierdzona",
                    "Dzień 1: Rewitalizacja", "Spacer studyjny", "7 października 2024",
                    "Centrum Konferencyjne Fabryczna CFK_13",
                    // 07:00Z is 09:00 in Kraków in October (CEST)
                    "09:00–17:00",
                    "https://kongres.example.org/registrations/" + decided.registrationId() + "/manage?token=");
        }
        assertThat(email.calendars()).hasSize(2);
    }

    @Test
    void eachRecipientReadsTheTitlesInTheirLanguageInTheEmailAndTheCalendarEntry() {
        SessionOutcome day1 = new SessionOutcome("day-1", "Dzień 1 / Day 1", SampleDecisions.DAY_1.startsAt(),
                SampleDecisions.DAY_1.endsAt(), SessionStatus.CONFIRMED, null,
                Texts.of("Dzień 1: Rewitalizacja", "Day 1: Revitalisation"));

        DecisionEmail english = renderer.render(SampleDecisions.confirmed("emma@example.org", "en", day1),
                SampleDecisions.FIRST_FILES);
        DecisionEmail polish = renderer.render(SampleDecisions.confirmed("anna@example.org", "pl", day1),
                SampleDecisions.FIRST_FILES);

        assertThat(english.text()).contains("Day 1: Revitalisation").doesNotContain("Rewitalizacja", "/ Day 1");
        assertThat(english.html()).contains("Day 1: Revitalisation").doesNotContain("Rewitalizacja");
        assertThat(ItipRules.event(ItipRules.check(english.calendars().get(0))).getSummary().getValue())
                .isEqualTo("IV Kongres Polityki Miejskiej i Regionalnej: Day 1: Revitalisation");
        assertThat(polish.text()).contains("Dzień 1: Rewitalizacja").doesNotContain("Revitalisation");
        assertThat(ItipRules.event(ItipRules.check(polish.calendars().get(0))).getSummary().getValue())
                .endsWith(": Dzień 1: Rewitalizacja");
    }

    @Test
    void confirmationInEnglish() {
        DecisionEmail email = renderer.render(SampleDecisions.confirmed("anna@example.org", "en", SampleDecisions.DAY_1),
                SampleDecisions.FIRST_FILES);

        assertThat(email.subject()).isEqualTo("Registration confirmed: IV Kongres Polityki Miejskiej i Regionalnej");
        assertThat(email.text()).contains("Hello Anna,", "is confirmed", "Dzień 1: Rewitalizacja", "7 October 2024",
                "View or cancel your registration here:", "/manage?token=");
        assertThat(email.html()).contains("Manage your registration", "Dzień 1: Rewitalizacja");
    }

    @Test
    void manageLinkCarriesATokenRegistrationServiceAccepts() {
        RegistrationDecided decided = SampleDecisions.confirmed("anna@example.org", "pl", SampleDecisions.DAY_1);

        String text = renderer.render(decided, SampleDecisions.FIRST_FILES).text();

        String token = text.replaceAll("(?s).*manage\\?token=(\\S+).*", "$1");
        ManageToken check = new ManageToken(SECRET);
        Instant validUntil = decided.createdAt().plus(Duration.ofDays(30));
        assertThat(check.verify(decided.registrationId(), token, validUntil.minusSeconds(60))).isTrue();
        assertThat(check.verify(decided.registrationId(), token, validUntil.plusSeconds(1))).isFalse();
    }

    @Test
    void manageLinkLastsUntilTheDayAfterTheEventWhenThatIsLater() {
        EventSummary event = SampleDecisions.KONGRES;
        Instant monthsBefore = Instant.parse("2024-06-01T10:00:00Z");

        assertThat(ManageLinks.expiry(event, monthsBefore)).isEqualTo(Instant.parse("2024-10-10T00:00:00Z"));
        assertThat(ManageLinks.expiry(event, Instant.parse("2024-10-05T10:00:00Z")))
                .isEqualTo(Instant.parse("2024-11-04T10:00:00Z"));
    }

    @Test
    void waitlistNoticeGivesThePositionPerSession() {
        DecisionEmail pl = renderer.render(SampleDecisions.waitlisted("jan@example.org", "pl"),
                SampleDecisions.FIRST_FILES);
        DecisionEmail en = renderer.render(SampleDecisions.waitlisted("jan@example.org", "en"),
                SampleDecisions.FIRST_FILES);

        assertThat(pl.subject()).startsWith("Lista rezerwowa").contains("IV Kongres");
        assertThat(pl.text()).contains("Spacer studyjny", "lista rezerwowa, pozycja 3");
        assertThat(en.html()).contains("Spacer studyjny", "waitlist, position 3");
        assertThat(pl.calendars()).isEmpty();
    }

    @Test
    void alreadyRegisteredRemindsTheAddressOfItsRegistrationWithItsManageLink() {
        RegistrationDecided again = SampleDecisions.rejected("ewa@example.org", "en", RejectionReason.ALREADY_REGISTERED);

        DecisionEmail en = renderer.render(Notice.about(again).withManageRegistrationId("original-id"),
                SampleDecisions.FIRST_FILES);
        DecisionEmail unknown = renderer.render(Notice.about(again),
                SampleDecisions.FIRST_FILES);

        assertThat(en.kind()).isEqualTo(EmailKind.ALREADY_REGISTERED);
        assertThat(en.subject()).isEqualTo("You are already registered: IV Kongres Polityki Miejskiej i Regionalnej");
        assertThat(en.text()).contains("Your earlier registration is still active",
                "/registrations/original-id/manage?token=").doesNotContain(again.registrationId());
        assertThat(unknown.text()).doesNotContain("manage?token");
        assertThat(en.calendars()).isEmpty();
    }

    @Test
    void rejectionSaysWhyInBothLanguages() {
        DecisionEmail closed = renderer.render(SampleDecisions.rejected("ewa@example.org", "pl",
                RejectionReason.REGISTRATION_CLOSED), SampleDecisions.FIRST_FILES);
        DecisionEmail full = renderer.render(SampleDecisions.rejected("ewa@example.org", "en", RejectionReason.FULL),
                SampleDecisions.FIRST_FILES);

        assertThat(closed.subject()).isEqualTo("Rejestracja nieprzyjęta: IV Kongres Polityki Miejskiej i Regionalnej");
        assertThat(closed.html()).contains("Rejestracja na to wydarzenie jest zamknięta.", "Dzień dobry Ewa,");
        assertThat(closed.text()).contains("Rejestracja na to wydarzenie jest zamknięta.");
        assertThat(full.text()).contains("All seats are taken.", "Hello Ewa,", "kongres@example.org");
        assertThat(full.html()).contains("All seats are taken.").doesNotContain("manage?token");
        assertThat(closed.calendars()).isEmpty();
    }

    @Test
    void markupInANameIsEscapedInHtml() {
        RegistrationDecided decided = SampleDecisions.decided(RegistrationStatus.CONFIRMED, null,
                new Recipient("<script>alert(1)</script>", "Nowak", "anna@example.org", "pl"), SampleDecisions.DAY_1);

        DecisionEmail email = renderer.render(decided, SampleDecisions.FIRST_FILES);

        assertThat(email.html()).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    @Test
    void lineBreaksInANameCannotAddAHeader() throws Exception {
        RegistrationDecided decided = SampleDecisions.decided(RegistrationStatus.CONFIRMED, null,
                new Recipient("Anna\r\nBcc: x@evil.example", "Nowak\nX-Injected: yes", "anna@example.org", "pl"),
                SampleDecisions.DAY_1);

        MimeMessage composed = delivery.compose(renderer.render(decided, SampleDecisions.FIRST_FILES));
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        composed.writeTo(raw);
        MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.toByteArray()));

        assertThat(parsed.getRecipients(Message.RecipientType.BCC)).isNull();
        assertThat(parsed.getHeader("X-Injected")).isNull();
        assertThat(parsed.getAllRecipients()).hasSize(1);
        assertThat(((InternetAddress) parsed.getAllRecipients()[0]).getAddress()).isEqualTo("anna@example.org");
        String headers = raw.toString(StandardCharsets.US_ASCII).split("\r\n\r\n", 2)[0];
        assertThat(headers).doesNotContainPattern("(?im)^(Bcc|X-Injected):");
        assertThat(parsed.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(parsed.getSubject()).contains("IV Kongres Polityki Miejskiej i Regionalnej");
    }

    @Test
    void aNoShowReleaseListsTheReleasedSessionOnceAndCancelsItsCalendarEntry() {
        // As the capacity-service answers a release (decision 0029): the seat stays among the sessions, CANCELLED,
        // and is named in released.
        SessionOutcome walkGivenBack = SampleDecisions.with(SampleDecisions.WALK, SessionStatus.CANCELLED, null);
        SessionsChanged released = new SessionsChanged("release-1", Instant.parse("2024-10-08T08:20:00Z"),
                Schema.VERSION, "reg-1", SampleDecisions.KONGRES.id(), "command-1", RegistrationStatus.CONFIRMED,
                null, List.of(SampleDecisions.DAY_1, walkGivenBack), List.of(walkGivenBack), SampleDecisions.KONGRES);

        DecisionEmail email = renderer.render(Notice.sessionsChanged(released,
                new Recipient("Anna", "Nowak", "anna@example.org", "en")), SampleDecisions.FIRST_FILES);

        for (String body : new String[] {email.text(), email.html()}) {
            assertThat(body.split("Spacer studyjny", -1)).as("times the released session is named").hasSize(2);
            assertThat(body).contains("Dzień 1: Rewitalizacja");
        }
        assertThat(email.calendars()).extracting(c -> c.method()).containsExactlyInAnyOrder("REQUEST", "CANCEL");
    }
}
