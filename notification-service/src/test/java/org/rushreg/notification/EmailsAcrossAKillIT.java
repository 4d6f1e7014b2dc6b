package org.rushreg.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.Topics;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The built service killed with SIGKILL in the middle of a burst and started again (decision 0010): no email is
 * lost, no decision gets two different emails, and only the emails in flight at the kill (one per consumer) may
 * come a second time, as the same message. Runs after the jar is packaged (failsafe).
 */
class EmailsAcrossAKillIT {

    private static final Duration PATIENCE = Duration.ofMinutes(4);
    private static final int CONSUMERS = 3;

    private static EmbeddedKafkaKraftBroker broker;
    private static TestInbox inbox;

    @BeforeAll
    static void startBrokerAndInbox() {
        broker = new EmbeddedKafkaKraftBroker(1, 3, Topics.REGISTRATION_DECISIONS.name(),
                Topics.NOTIFICATION_OUTCOMES.name(), Topics.REGISTRATION_DECISIONS.deadLetterName());
        broker.brokerProperties(Map.of("transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1"));
        broker.afterPropertiesSet();
        inbox = new TestInbox();
    }

    @AfterAll
    static void stopBrokerAndInbox() {
        inbox.stop();
        broker.destroy();
    }

    @Test
    void aKilledServiceLosesNoEmailAndRepeatsAtMostTheOnesInFlight() throws Exception {
        List<RegistrationDecided> burst = IntStream.range(0, 300)
                .mapToObj(i -> SampleDecisions.confirmed(TestInbox.uniqueAddress("kill" + i), "pl",
                        SampleDecisions.DAY_1))
                .toList();
        try (TestKafka kafka = new TestKafka(broker.getBrokersAsString())) {
            ServiceJar first = start();
            kafka.publish(burst);
            await().atMost(PATIENCE).until(() -> inbox.all().size() >= 60);
            first.kill();   // GreenMail's thread of a connection killed mid-data throws, uncaught: expected
            assertThat(inbox.all().size()).as("killed mid-burst").isLessThan(burst.size());

            try (ServiceJar second = start()) {
                // Outcomes the killed process had not yet sent are lost (a report, not an email): wait for the inbox.
                await().dontCatchUncaughtExceptions().atMost(PATIENCE).until(() -> burst.stream()
                        .allMatch(d -> !inbox.to(d.recipient().email()).isEmpty()));
                int repeats = 0;
                for (RegistrationDecided decided : burst) {
                    List<MimeMessage> arrived = inbox.to(decided.recipient().email());
                    assertThat(arrived).as("emails to %s", decided.registrationId()).isNotEmpty().allSatisfy(m ->
                            assertThat(m.getMessageID()).isEqualTo("<" + decided.messageId() + "@rushreg>"));
                    repeats += arrived.size() - 1;
                }
                assertThat(repeats).as("emails repeated after the kill").isLessThanOrEqualTo(CONSUMERS);
            }
        }
    }

    private static ServiceJar start() throws Exception {
        return ServiceJar.start(Path.of("target", "notification-service.jar"),
                // The killed instance's partitions are given to the new one after this long, not the default 45 s.
                List.of("-Dspring.cloud.stream.kafka.binder.consumer-properties.session.timeout.ms=8000"),
                Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.getBrokersAsString(),
                        "DATABASE_URL", TestPostgres.jdbcUrl(),
                        "DATABASE_USERNAME", "postgres",
                        "MAIL_HOST", "127.0.0.1",
                        "MAIL_PORT", String.valueOf(inbox.smtpPort()),
                        "MANAGE_LINK_SECRET", "kill-test-secret-0123456789",
                        "NOTIFICATION_CONCURRENCY", String.valueOf(CONSUMERS)));
    }
}
