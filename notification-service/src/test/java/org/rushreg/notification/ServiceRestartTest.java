package org.rushreg.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.DeliveryStatus;
import org.rushreg.messages.RegistrationDecided;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** The service as a process: stopped and started again in the middle of a burst, it neither loses nor repeats. */
@EmbeddedKafka(partitions = 3,
        topics = {"registration.decisions", "notification.outcomes", "registration.decisions.dlq"},
        brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
class ServiceRestartTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final TestInbox INBOX = new TestInbox();

    @AfterAll
    static void stopMailServer() {
        INBOX.stop();
    }

    @Test
    void aRestartMidBurstLosesNoEmailAndSendsNoneTwice(EmbeddedKafkaBroker broker) throws Exception {
        List<RegistrationDecided> burst = IntStream.range(0, 200)
                .mapToObj(i -> SampleDecisions.confirmed(TestInbox.uniqueAddress("restart" + i), "pl",
                        SampleDecisions.DAY_1))
                .toList();
        try (TestKafka kafka = new TestKafka(broker.getBrokersAsString())) {
            ConfigurableApplicationContext first = start(broker);
            kafka.publish(burst);
            await().atMost(PATIENCE).until(() -> INBOX.all().size() >= 20);
            first.close();
            int beforeRestart = INBOX.all().size();
            assertThat(beforeRestart).as("stopped mid-burst").isLessThan(burst.size());

            try (ConfigurableApplicationContext second = start(broker)) {
                await().atMost(PATIENCE).until(() -> kafka.reportedAll(burst, DeliveryStatus.SENT));
                List<MimeMessage> arrived = INBOX.all();
                for (RegistrationDecided decided : burst) {
                    assertThat(arrived.stream().filter(m -> TestInbox.addressedTo(m, decided.recipient().email())))
                            .as("emails to %s", decided.registrationId()).hasSize(1);
                }
                assertThat(arrived).hasSize(burst.size());

                String metrics = prometheus(second);
                assertThat(metrics).contains("notification_emails_total", "kind=\"CONFIRMED\"", "status=\"SENT\"",
                        "notification_email_delay_seconds_count", "resilience4j_circuitbreaker_state",
                        "notification_consumption_pauses_total");
            }
        }
    }

    private static ConfigurableApplicationContext start(EmbeddedKafkaBroker broker) {
        // Arguments, as on a command line: they outrank application.yml (default properties would not).
        return new SpringApplicationBuilder(NotificationServiceApplication.class).run(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.cloud.stream.kafka.binder.brokers=" + broker.getBrokersAsString(),
                "--spring.datasource.url=" + TestPostgres.jdbcUrl(),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--spring.mail.host=127.0.0.1",
                // Small polls, so that a stop after 20 emails leaves most of the burst to the next start.
                "--spring.cloud.stream.kafka.binder.consumer-properties.max.poll.records=5",
                "--spring.mail.port=" + INBOX.smtpPort(),
                "--notification.manage-link-secret=restart-test-secret-0123456789");
    }

    private static String prometheus(ConfigurableApplicationContext context) throws Exception {
        String port = context.getEnvironment().getProperty("local.management.port");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
