package org.rushreg.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.RejectionReason;
import org.rushreg.notification.SampleDecisions;
import org.rushreg.notification.rendering.CalendarFile;
import org.rushreg.notification.rendering.DecisionEmail;
import org.rushreg.notification.rendering.DecisionEmailRenderer;
import org.rushreg.notification.rendering.EmailKind;
import org.rushreg.notification.rendering.EmailTickets;
import org.rushreg.notification.rendering.ItipRules;
import org.rushreg.notification.rendering.ManageLinks;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The message as the server receives it, read back with Jakarta Mail. */
class MailDeliveryTest {

    private static final ZonedDateTime DATE = ZonedDateTime.of(2024, 9, 30, 14, 5, 9, 0, ZoneId.of("Europe/Warsaw"));

    private final DecisionEmailRenderer renderer =
            new DecisionEmailRenderer(new ManageLinks("https://kongres.example.org", "a-secret-of-at-least-16-chars"),
                    new EmailTickets(SampleDecisions.TICKET_KEY));

    private final MailDelivery delivery = delivery(null);

    @Test
    void aConfirmationIsTextAndHtmlAlternativesWithAnInvitePerSessionBeside() throws Exception {
        DecisionEmail email = renderer.render(SampleDecisions.confirmed("anna@example.org", "pl",
                SampleDecisions.DAY_1, SampleDecisions.WALK), SampleDecisions.FIRST_FILES);

        MimeMessage parsed = sentAndReadBack(email);

        assertThat(parsed.getFrom()).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("no-reply@kongres.example.org");
        assertThat(parsed.getReplyTo()).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("kongres@example.org");
        InternetAddress to = (InternetAddress) parsed.getRecipients(Message.RecipientType.TO)[0];
        assertThat(to.getAddress()).isEqualTo("anna@example.org");
        assertThat(to.getPersonal()).isEqualTo("Anna Nowak");
        assertThat(parsed.getAllRecipients()).hasSize(1);
        assertThat(parsed.getMessageID()).isEqualTo("<" + email.decisionId() + "@rushreg>");
        assertThat(parsed.getSubject()).isEqualTo(email.subject());
        assertThat(parsed.getSentDate()).isEqualTo(java.util.Date.from(DATE.toInstant()));
        assertThat(parsed.getHeader("MIME-Version")).containsExactly("1.0");
        assertThat(parsed.getHeader("Auto-Submitted")).containsExactly("auto-generated");

        assertThat(parsed.isMimeType("multipart/mixed")).isTrue();
        Multipart mixed = (Multipart) parsed.getContent();
        assertThat(mixed.getCount()).isEqualTo(3);
        assertAlternatives(mixed.getBodyPart(0), email);
        assertThat(email.calendars()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            BodyPart calendar = mixed.getBodyPart(1 + i);
            CalendarFile file = email.calendars().get(i);
            assertThat(calendar.getContentType()).startsWith(file.contentType()).contains("method=REQUEST");
            assertThat(calendar.getDisposition()).isEqualTo(Part.ATTACHMENT);
            assertThat(calendar.getFileName()).isEqualTo(file.fileName());
            assertThat(calendar.getInputStream().readAllBytes()).isEqualTo(file.content());
            ItipRules.check(file);
        }
    }

    @Test
    void withoutAnInviteTheMessageIsTheAlternativesAlone() throws Exception {
        DecisionEmail email = renderer.render(SampleDecisions.rejected("ewa@example.org", "en", RejectionReason.FULL),
                SampleDecisions.FIRST_FILES);
        assertThat(email.calendars()).isEmpty();

        MimeMessage parsed = sentAndReadBack(email);

        assertAlternatives(parsed, email);
        assertThat(((InternetAddress) parsed.getAllRecipients()[0]).getPersonal()).isEqualTo("Ewa Zielińska");
    }

    @Test
    void polishNamesAndSubjectsAreEncodedWordsThatReadBackTheSame() throws Exception {
        String subject = "Zażółć gęślą jaźń: Łódź, Kraków i Gdańsk — bardzo długi temat wiadomości, żeby się zawinął";
        DecisionEmail email = email("zaneta@example.org", "Żaneta Świątek-Łęcka", subject, null);

        byte[] raw = delivery.bytes(email, DATE);
        MimeMessage parsed = read(raw);

        InternetAddress to = (InternetAddress) parsed.getAllRecipients()[0];
        assertThat(to.getPersonal()).isEqualTo("Żaneta Świątek-Łęcka");
        assertThat(to.getAddress()).isEqualTo("zaneta@example.org");
        assertThat(parsed.getSubject()).isEqualTo(subject);
        String headers = headers(raw);
        assertThat(headers.chars()).allMatch(c -> c < 128);
        assertThat(headers.split("\r\n")).allMatch(line -> line.length() <= 78);
    }

    @Test
    void lineBreaksInANameOrSubjectCannotAddAHeader() throws Exception {
        DecisionEmail email = email("anna@example.org", "Anna\r\nBcc: x@evil.example\nX-Injected: yes",
                "Potwierdzenie\r\nX-Injected: yes\r\n\r\nbody", null);

        byte[] raw = delivery.bytes(email, DATE);
        MimeMessage parsed = read(raw);

        assertThat(parsed.getRecipients(Message.RecipientType.BCC)).isNull();
        assertThat(parsed.getHeader("X-Injected")).isNull();
        assertThat(parsed.getAllRecipients()).hasSize(1);
        assertThat(headers(raw)).doesNotContainPattern("(?im)^(Bcc|X-Injected):");
        assertThat(parsed.getSubject()).isEqualTo("Potwierdzenie X-Injected: yes body");
        assertThat(parsed.isMimeType("multipart/alternative")).isTrue();
    }

    @Test
    void anAddressThatCannotBeWrittenIsRefusedForGood() {
        for (String address : new String[] {"not an address", "anna@example.org, bob@example.org",
                "\"anna\r\nBcc: x@evil.example\"@example.org", "\"anna\r\n Bcc: x@evil.example\"@example.org", ""}) {
            MailDelivery.Delivery result = delivery.send(email(address, "Anna", "Temat", null));

            assertThat(result.sent()).as(address).isFalse();
            assertThat(result.failure()).as(address).startsWith("invalid address");
        }
    }

    @Test
    void anOrganiserAddressThatCannotBeWrittenIsRefusedForGood() {
        MailDelivery.Delivery result = delivery.send(email("anna@example.org", "Anna", "Temat", "kongres at example"));

        assertThat(result.failure()).startsWith("invalid address");
    }

    @Test
    void replyToIsTheConfiguredAddressElseTheOrganiserElseNone() throws Exception {
        DecisionEmail toOrganiser = email("anna@example.org", null, "Temat", "kongres@example.org");
        DecisionEmail noOrganiser = email("anna@example.org", null, "Temat", null);

        assertThat(read(delivery(null).bytes(toOrganiser, DATE)).getHeader("Reply-To"))
                .containsExactly("kongres@example.org");
        assertThat(read(delivery("biuro@example.org").bytes(toOrganiser, DATE)).getHeader("Reply-To"))
                .containsExactly("biuro@example.org");
        assertThat(read(delivery(null).bytes(noOrganiser, DATE)).getHeader("Reply-To")).isNull();
        assertThat(read(delivery(null).bytes(noOrganiser, DATE)).getHeader("To")).containsExactly("anna@example.org");
    }

    @Test
    void theTransportWritesTheComposedBytesUnchanged() throws Exception {
        DecisionEmail email = renderer.render(SampleDecisions.confirmed("anna@example.org", "pl", SampleDecisions.DAY_1),
                SampleDecisions.FIRST_FILES);
        MimeMessage message = delivery.compose(email, DATE);

        ByteArrayOutputStream written = new ByteArrayOutputStream();
        // What SMTPTransport.sendMessage does: it does not save the message first.
        message.writeTo(written, new String[] {"Bcc", "Content-Length"});

        assertThat(written.toByteArray()).isEqualTo(delivery.bytes(email, DATE));
        assertThat(message.getMessageID()).isEqualTo("<" + email.decisionId() + "@rushreg>");
    }

    @Test
    void quotedPrintableKeepsLinesShortEscapesEqualsAndTrailingSpaceAndReadsBack() throws Exception {
        String text = "Dzień dobry = witaj \n" + "ż".repeat(40) + "\r\n" + "x".repeat(200) + "\t\n\nkoniec ";

        byte[] encoded = MailDelivery.quotedPrintable(text.getBytes(StandardCharsets.UTF_8));

        String written = new String(encoded, StandardCharsets.US_ASCII);
        assertThat(written.split("\r\n", -1)).allMatch(line -> line.length() <= 76)
                .allMatch(line -> !line.endsWith(" ") && !line.endsWith("\t"));
        assertThat(written).doesNotContain("=_").startsWith("Dzie=C5=84 dobry =3D witaj=20\r\n");
        assertThat(written.replaceAll("\r\n", "")).doesNotContain("\r", "\n");
        byte[] decoded = MimeUtility.decode(new ByteArrayInputStream(encoded), "quoted-printable").readAllBytes();
        assertThat(new String(decoded, StandardCharsets.UTF_8)).isEqualTo(text.replace("\r\n", "\n").replace("\n", "\r\n"));
    }

    private static void assertAlternatives(Part part, DecisionEmail email) throws Exception {
        assertThat(part.isMimeType("multipart/alternative")).isTrue();
        Multipart alternatives = (Multipart) part.getContent();
        assertThat(alternatives.getCount()).isEqualTo(2);
        assertThat(alternatives.getBodyPart(0).getContentType()).isEqualTo("text/plain; charset=UTF-8");
        assertThat(alternatives.getBodyPart(0).getContent()).isEqualTo(email.text().replace("\n", "\r\n"));
        Part html = alternatives.getBodyPart(1);
        if (email.ticketImage() != null) {
            // the HTML with the ticket's QR code beside it, named by the Content-ID its <img> refers to
            assertThat(html.isMimeType("multipart/related")).isTrue();
            Multipart related = (Multipart) html.getContent();
            assertThat(related.getCount()).isEqualTo(2);
            html = related.getBodyPart(0);
            MimeBodyPart image = (MimeBodyPart) related.getBodyPart(1);
            assertThat(image.isMimeType("image/png")).isTrue();
            assertThat(image.getDisposition()).isEqualTo(Part.INLINE);
            assertThat(image.getContentID()).isEqualTo("<" + DecisionEmail.ticketContentId(email.registrationId()) + ">");
            assertThat(image.getInputStream().readAllBytes()).isEqualTo(email.ticketImage());
            assertThat(email.html()).contains("src=\"cid:" + DecisionEmail.ticketContentId(email.registrationId()));
        }
        assertThat(html.getContentType()).isEqualTo("text/html; charset=UTF-8");
        assertThat(html.getContent()).isEqualTo(email.html().replace("\n", "\r\n"));
    }

    private MimeMessage sentAndReadBack(DecisionEmail email) throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        delivery.compose(email, DATE).writeTo(raw);
        return read(raw.toByteArray());
    }

    private static MimeMessage read(byte[] raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }

    private static String headers(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        return text.substring(0, text.indexOf("\r\n\r\n"));
    }

    private static DecisionEmail email(String to, String name, String subject, String replyTo) {
        return new DecisionEmail("r-1", "d-1", EmailKind.CONFIRMED, to, name, replyTo, subject, "Dzień dobry\n",
                "<p>Dzień dobry</p>\n", List.of());
    }

    private static MailDelivery delivery(String replyTo) {
        return new MailDelivery(new JavaMailSenderImpl(),
                new MailSettings("no-reply@kongres.example.org", replyTo, null, null, null), null);
    }
}
