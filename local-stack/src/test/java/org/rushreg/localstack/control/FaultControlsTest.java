package org.rushreg.localstack.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rushreg.localstack.Settings;
import org.rushreg.localstack.inbox.Inbox;
import org.rushreg.localstack.inbox.InboxHttpServer;
import org.rushreg.localstack.kafka.KafkaBroker;
import org.rushreg.localstack.kafka.SystemTopics;
import org.rushreg.localstack.mail.SmtpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FaultControlsTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theSmtpServerCanBeStoppedAndStartedAndTheBrokerRestartedThroughTheControlSurface() throws Exception {
        Settings ports = Settings.onFreePorts(dir, dir);
        Inbox inbox = new Inbox(dir.resolve("mail"));
        try (KafkaBroker kafka = new KafkaBroker(dir.resolve("kafka"), ports.kafkaPort(), ports.kafkaControllerPort());
             SmtpServer smtp = new SmtpServer(ports.smtpPort(), inbox::receive);
             InboxHttpServer web = new InboxHttpServer(inbox, ports.inboxPort(), FaultControls.of(smtp, kafka))) {
            kafka.start();
            SystemTopics.createMissing(kafka.bootstrapServers());
            smtp.start();
            web.start();
            URI base = URI.create("http://localhost:" + ports.inboxPort());

            assertThat(post(base.resolve("/control/smtp/stop")).statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> send(ports.smtpPort(), "anna.nowak@example.org")).isInstanceOf(MessagingException.class);
            assertThat(post(base.resolve("/control/smtp/start")).statusCode()).isEqualTo(200);
            send(ports.smtpPort(), "anna.nowak@example.org");
            await().atMost(Duration.ofSeconds(30)).until(() -> inbox.size() == 1);
            JsonNode deliveries = JsonMapper.builder().build().readTree(get(base.resolve("/api/deliveries")).body());
            assertThat(deliveries.get(0).get("to").get(0).asString()).isEqualTo("anna.nowak@example.org");
            assertThat(deliveries.get(0).get("receivedAt").asString()).isNotBlank();

            HttpResponse<String> restart = post(base.resolve("/control/kafka/restart"));
            assertThat(restart.statusCode()).isEqualTo(200);
            assertThat(restart.body()).startsWith("Kafka broker restarted");
            // the restarted broker takes records again, on the same port with the same topics
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000), new StringSerializer(), new StringSerializer())) {
                assertThat(producer.send(new ProducerRecord<>("registration.commands", "event", "{}"))
                        .get(60, TimeUnit.SECONDS).offset()).isNotNegative();
            }
        }
    }

    @Test
    void theControlSurfaceRefusesBrowsersOtherMethodsAndUnknownControls() throws Exception {
        Settings ports = Settings.onFreePorts(dir, dir);
        int[] stops = {0};
        try (InboxHttpServer web = new InboxHttpServer(new Inbox(dir.resolve("mail")), ports.inboxPort(),
                Map.of("/control/smtp/stop", () -> "stopped " + ++stops[0]))) {
            web.start();
            URI stop = URI.create("http://localhost:" + ports.inboxPort() + "/control/smtp/stop");

            HttpResponse<String> fromPage = http.send(HttpRequest.newBuilder(stop).header("Origin", "http://evil.example")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(fromPage.statusCode()).isEqualTo(403);
            assertThat(get(stop).statusCode()).isEqualTo(405);
            assertThat(post(stop.resolve("/control/nothing")).statusCode()).isEqualTo(404);
            assertThat(stops[0]).isZero();

            HttpResponse<String> done = post(stop);
            assertThat(done.statusCode()).isEqualTo(200);
            assertThat(done.body()).isEqualTo("stopped 1");
        }
    }

    private HttpResponse<String> post(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void send(int port, String to) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", "localhost");
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.connectiontimeout", "5000");
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("no-reply@kongres.example.org"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject("Potwierdzenie");
        message.setText("Dzień dobry", "UTF-8");
        Transport.send(message);
    }
}
