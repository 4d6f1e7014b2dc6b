package org.rushreg.localstack.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rushreg.localstack.Settings;
import org.rushreg.localstack.mail.SmtpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class InboxTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aMailSentThroughSmtpIsShownByTheJsonApiInTheShapeTheChecksRead() throws Exception {
        Settings ports = Settings.onFreePorts(dir, dir);
        Inbox inbox = new Inbox(dir.resolve("mail"));
        try (SmtpServer smtp = new SmtpServer(ports.smtpPort(), inbox::receive);
             InboxHttpServer web = new InboxHttpServer(inbox, ports.inboxPort())) {
            smtp.start();
            web.start();
            send(ports.smtpPort(), "anna.nowak@example.org");
            send(ports.smtpPort(), "jan.kowalski@example.org");
            await().atMost(Duration.ofSeconds(10)).until(() -> inbox.size() == 2);

            String base = "http://localhost:" + ports.inboxPort();
            JsonNode anna = JsonMapper.builder().build().readTree(get(base + "/api/messages?to=Anna.Nowak%40EXAMPLE.org").body());
            assertThat(anna.size()).isEqualTo(1);
            JsonNode mail = anna.get(0);
            assertThat(mail.get("id").asString()).isNotBlank();
            assertThat(mail.get("from").asString()).contains("no-reply@kongres.example.org");
            assertThat(mail.get("to").get(0).asString()).isEqualTo("anna.nowak@example.org");
            assertThat(mail.get("subject").asString()).isEqualTo("Potwierdzenie — Zażółć gęślą jaźń");
            assertThat(mail.get("date").asString()).isNotBlank();
            assertThat(mail.get("text").asString()).contains("Dzień dobry");
            assertThat(mail.get("html").asString()).contains("<b>Dzień dobry</b>");
            assertThat(mail.get("attachments").get(0).get("filename").asString()).isEqualTo("kongres-2024.ics");
            assertThat(mail.get("attachments").get(0).get("contentType").asString()).isEqualTo("text/calendar");

            assertThat(JsonMapper.builder().build().readTree(get(base + "/api/messages").body()).size()).isEqualTo(2);
            assertThat(get(base + "/api/messages?to=nobody%40example.org").body()).isEqualTo("[]");

            HttpResponse<String> page = get(base + "/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("/messages/" + mail.get("id").asString()).contains("Zażółć");
            HttpResponse<String> one = get(base + "/messages/" + mail.get("id").asString());
            assertThat(one.body()).contains("iframe sandbox").doesNotContain("<b>Dzień dobry</b>");
            assertThat(get(base + "/messages/nope").statusCode()).isEqualTo(404);
        }
        // the .eml files in the data folder bring the inbox back after a restart
        assertThat(new Inbox(dir.resolve("mail")).newestFirst("anna.nowak@example.org")).hasSize(1);
    }

    @Test
    void theDeliveryListNamesEachEmailsMessageIdSoThatARepeatedDeliveryIsToldFromASecondEmail() throws Exception {
        Settings ports = Settings.onFreePorts(dir, dir);
        Inbox inbox = new Inbox(dir.resolve("mail"));
        try (SmtpServer smtp = new SmtpServer(ports.smtpPort(), inbox::receive);
             InboxHttpServer web = new InboxHttpServer(inbox, ports.inboxPort())) {
            smtp.start();
            web.start();
            Session session = smtpSession(ports.smtpPort());
            Transport.send(withMessageId(session, "anna.nowak@example.org", "<d-1@rushreg>"));
            Transport.send(withMessageId(session, "anna.nowak@example.org", "<d-1@rushreg>")); // the same email again
            // a message without the header: stored as it came, no id made up for it
            inbox.receive("To: jan.kowalski@example.org\r\nSubject: bez id\r\n\r\ntekst\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            await().atMost(Duration.ofSeconds(10)).until(() -> inbox.size() == 3);

            JsonNode deliveries = JsonMapper.builder().build()
                    .readTree(get("http://localhost:" + ports.inboxPort() + "/api/deliveries").body());

            assertThat(deliveries.size()).isEqualTo(3);
            for (int i = 0; i < 2; i++) {
                JsonNode delivery = deliveries.get(i);
                assertThat(delivery.get("id").asString()).isNotBlank();
                assertThat(delivery.get("to").get(0).asString()).isEqualTo("anna.nowak@example.org");
                assertThat(delivery.get("receivedAt").asString()).isNotBlank();
                assertThat(delivery.get("messageId").asString()).isEqualTo("<d-1@rushreg>");
            }
            assertThat(deliveries.get(0).get("id").asString()).isNotEqualTo(deliveries.get(1).get("id").asString());
            assertThat(deliveries.get(2).get("to").get(0).asString()).isEqualTo("jan.kowalski@example.org");
            assertThat(deliveries.get(2).has("messageId")).isTrue();
            assertThat(deliveries.get(2).get("messageId").isNull()).isTrue();

            // only what came after a given delivery, so that a poller reads each delivery once
            String firstId = deliveries.get(0).get("id").asString();
            JsonNode after = JsonMapper.builder().build()
                    .readTree(get("http://localhost:" + ports.inboxPort() + "/api/deliveries?after=" + firstId).body());
            assertThat(after.size()).isEqualTo(2);
            assertThat(after.get(0).get("id").asString()).isEqualTo(deliveries.get(1).get("id").asString());
            assertThat(JsonMapper.builder().build().readTree(get("http://localhost:" + ports.inboxPort()
                    + "/api/deliveries?after=" + deliveries.get(2).get("id").asString()).body()).size()).isZero();
        }
        // read back from the .eml files after a restart, the Message-IDs are the same
        assertThat(new Inbox(dir.resolve("mail")).deliveries()).extracting(InboxMessage.Delivery::messageId)
                .containsExactly("<d-1@rushreg>", "<d-1@rushreg>", null);
    }

    private static Session smtpSession(int port) {
        Properties props = new Properties();
        props.put("mail.smtp.host", "localhost");
        props.put("mail.smtp.port", String.valueOf(port));
        return Session.getInstance(props);
    }

    /** A message whose Message-ID is fixed, as the notification-service's is (one per decision). */
    private static MimeMessage withMessageId(Session session, String to, String messageId) throws Exception {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress("no-reply@kongres.example.org"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject("Potwierdzenie", "UTF-8");
        message.setText("Dzień dobry", "UTF-8");
        return message;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void send(int port, String to) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "localhost");
        props.put("mail.smtp.port", String.valueOf(port));
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("no-reply@kongres.example.org", "Kongres"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject("Potwierdzenie — Zażółć gęślą jaźń", "UTF-8");

        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Dzień dobry", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p><b>Dzień dobry</b></p>", "text/html; charset=UTF-8");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);

        MimeBodyPart calendar = new MimeBodyPart();
        calendar.setContent("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar; charset=UTF-8; method=REQUEST");
        calendar.setFileName("kongres-2024.ics");

        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        mixed.addBodyPart(calendar);
        message.setContent(mixed);
        Transport.send(message);
    }
}
