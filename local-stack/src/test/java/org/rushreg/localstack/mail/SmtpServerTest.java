package org.rushreg.localstack.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rushreg.localstack.Settings;

class SmtpServerTest {

    @TempDir
    Path dir;

    private final List<byte[]> received = new CopyOnWriteArrayList<>();

    @Test
    void aMessageArrivesOnceAsTheClientWroteItWithItsDotStuffingUndone() throws Exception {
        int port = Settings.onFreePorts(dir, dir).smtpPort();
        try (SmtpServer smtp = new SmtpServer(port, received::add)) {
            smtp.start();
            Session session = session(port);
            // lines that start with a dot, one that is only a dot, and a long one that spans the server's reads
            String text = ".kropka na początku\r\n.\r\n..dwie\r\nZażółć gęślą jaźń\r\n" + "x".repeat(200_000) + "\r\n.";
            MimeMessage sent = message(session, text, "anna.nowak@example.org", "jan.kowalski@example.org");

            Transport.send(sent);

            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            sent.writeTo(written);
            // SMTP ends the data with a line break where the message had none (RFC 5321, 4.1.1.4)
            assertThat(new String(received.get(0), "UTF-8")).isEqualTo(written.toString("UTF-8") + "\r\n");
            MimeMessage parsed = new MimeMessage(session, new ByteArrayInputStream(received.get(0)));
            assertThat(parsed.getContent()).isEqualTo(text + "\r\n");
            assertThat(parsed.getSubject()).isEqualTo("Potwierdzenie — Zażółć");
        }
    }

    @Test
    void oneConnectionCarriesOneEmailAfterAnotherAndStoppingTheServerDropsIt() throws Exception {
        int port = Settings.onFreePorts(dir, dir).smtpPort();
        try (SmtpServer smtp = new SmtpServer(port, received::add)) {
            smtp.start();
            Session session = session(port);
            Transport kept = session.getTransport("smtp");
            kept.connect();
            for (String to : List.of("a@example.org", "b@example.org", "c@example.org")) {
                MimeMessage message = message(session, "Dzień dobry " + to, to);
                kept.sendMessage(message, message.getAllRecipients());
            }
            assertThat(received).hasSize(3);

            smtp.close(); // as the control surface's SMTP outage does
            MimeMessage during = message(session, "w czasie awarii", "d@example.org");
            assertThatThrownBy(() -> kept.sendMessage(during, during.getAllRecipients()))
                    .isInstanceOf(MessagingException.class);
            assertThatThrownBy(() -> Transport.send(during)).isInstanceOf(MessagingException.class);

            smtp.start();
            Transport.send(during);
            assertThat(received).hasSize(4);
            assertThat(new MimeMessage(session, new ByteArrayInputStream(received.get(3))).getContent())
                    .isEqualTo("w czasie awarii\r\n");
        }
    }

    private static Session session(int port) {
        Properties props = new Properties();
        props.put("mail.smtp.host", "localhost");
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.timeout", "10000");
        return Session.getInstance(props);
    }

    private static MimeMessage message(Session session, String text, String... to) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("no-reply@kongres.example.org"));
        for (String address : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(address));
        }
        message.setSubject("Potwierdzenie — Zażółć", "UTF-8");
        message.setText(text, "UTF-8");
        message.saveChanges();
        return message;
    }
}
