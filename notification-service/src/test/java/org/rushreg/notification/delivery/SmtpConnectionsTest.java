package org.rushreg.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rushreg.notification.ServiceJar;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Against a real GreenMail: how many SMTP connections the emails of one thread take, and when a new one is opened. */
class SmtpConnectionsTest {

    private final int port = ServiceJar.freePort();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicLong nanos = new AtomicLong();
    private final JavaMailSenderImpl server = new JavaMailSenderImpl();
    private GreenMail greenMail;

    @BeforeEach
    void startServer() {
        server.setHost("127.0.0.1");
        server.setPort(port);
        server.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
        server.getJavaMailProperties().put("mail.smtp.timeout", "2000");
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    @AfterEach
    void stopServer() {
        greenMail.stop();
    }

    @Test
    void oneThreadsEmailsShareOneConnection() throws Exception {
        try (SmtpConnections connections = connections(100, Duration.ofSeconds(30))) {
            for (int i = 0; i < 20; i++) {
                connections.send(message(i));
            }
        }
        assertThat(greenMail.getReceivedMessages()).hasSize(20);
        assertThat(opened()).isEqualTo(1);
    }

    @Test
    void aConnectionIsReplacedAfterItsMessagesAndAfterSittingIdle() throws Exception {
        try (SmtpConnections connections = connections(3, Duration.ofSeconds(30))) {
            for (int i = 0; i < 7; i++) {
                connections.send(message(i));
            }
            assertThat(opened()).as("3 + 3 + 1 emails").isEqualTo(3);
            nanos.addAndGet(Duration.ofSeconds(31).toNanos());
            connections.send(message(7));
            assertThat(opened()).as("after 31 s unused").isEqualTo(4);
        }
        assertThat(greenMail.getReceivedMessages()).hasSize(8);
    }

    @Test
    void aServerThatWentAwayCostsOneFailedAttemptThenANewConnectionIsUsed() throws Exception {
        try (SmtpConnections connections = connections(100, Duration.ofSeconds(30))) {
            connections.send(message(0));
            greenMail.stop();
            greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            greenMail.start();

            assertThatThrownBy(() -> connections.send(message(1))).isInstanceOf(MessagingException.class);
            connections.send(message(1));
        }
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(opened()).isEqualTo(2);
    }

    private SmtpConnections connections(int messagesPerConnection, Duration maxIdle) {
        return new SmtpConnections(server, new SmtpConnectionSettings(messagesPerConnection, maxIdle), meters,
                nanos::get);
    }

    private double opened() {
        return meters.counter("notification.smtp.connections").count();
    }

    private MimeMessage message(int number) throws MessagingException {
        MimeMessage message = new MimeMessage(server.getSession());
        message.setFrom("no-reply@kongres.example.org");
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("anna" + number + "@example.org"));
        message.setSubject("Email " + number);
        message.setText("Body " + number);
        message.saveChanges();
        return message;
    }
}
