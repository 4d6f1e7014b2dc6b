package org.rushreg.notification.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.DeliveryStatus;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.NotificationOutcome;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.Topics;
import org.rushreg.notification.SampleDecisions;
import org.rushreg.notification.outcomes.NotificationOutcomes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.core.env.Environment;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "notification.manage-link-secret=integration-test-secret-0123456789",
        "notification.public-url=https://kongres.example.org"})
@EmbeddedKafka(partitions = 1,
        topics = {"registration.decisions", "notification.outcomes", "registration.decisions.dlq"},
        brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
class DecisionEmailsIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final int SMTP_PORT = freePort();

    /** Null while the mail server is down. */
    private static GreenMail greenMail;

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private BindingServiceProperties bindings;

    @Autowired
    private Environment environment;

    private KafkaConsumer<String, byte[]> reader;
    private final List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @BeforeAll
    static void startMailServer() {
        greenMail = startGreenMail();
    }

    @AfterAll
    static void stopMailServer() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    @BeforeEach
    void readOutcomesAndDeadLetters() {
        reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        reader.subscribe(List.of(Topics.NOTIFICATION_OUTCOMES.name(), Topics.REGISTRATION_DECISIONS.deadLetterName()));
    }

    @AfterEach
    void closeReader() {
        reader.close();
    }

    @Test
    void bindingsUseTheTopicNamesOfTheSharedModule() {
        assertThat(bindings.getBindingDestination(DecisionsConfiguration.INPUT_BINDING))
                .isEqualTo(Topics.REGISTRATION_DECISIONS.name());
        assertThat(bindings.getBindingDestination(NotificationOutcomes.BINDING))
                .isEqualTo(Topics.NOTIFICATION_OUTCOMES.name());
        String kafkaConsumer = "spring.cloud.stream.kafka.bindings." + DecisionsConfiguration.INPUT_BINDING + ".consumer.";
        assertThat(environment.getProperty(kafkaConsumer + "dlq-name"))
                .isEqualTo(Topics.REGISTRATION_DECISIONS.deadLetterName());
        assertThat(environment.getProperty(kafkaConsumer + "enable-dlq")).isEqualTo("true");
        assertThat(environment.getProperty(kafkaConsumer + "ack-mode")).isEqualTo("RECORD");
        assertThat(environment.getProperty("spring.cloud.stream.kafka.binder.consumer-properties.isolation.level"))
                .isEqualTo("read_committed");
        assertThat(bindings.getBindingProperties(DecisionsConfiguration.INPUT_BINDING).getGroup())
                .isEqualTo("notification-service");
    }

    @Test
    void everyDecisionGetsExactlyOneEmailAndASentOutcome() throws Exception {
        RegistrationDecided confirmed = SampleDecisions.confirmed(uniqueAddress("anna"), "pl", SampleDecisions.DAY_1,
                SampleDecisions.WALK);
        RegistrationDecided waitlisted = SampleDecisions.waitlisted(uniqueAddress("jan"), "en");
        RegistrationDecided aborted = SampleDecisions.confirmed(uniqueAddress("aborted"), "pl", SampleDecisions.DAY_1);

        publishAborted(aborted);
        publish(confirmed, waitlisted);

        awaitOutcome(confirmed, DeliveryStatus.SENT);
        awaitOutcome(waitlisted, DeliveryStatus.SENT);
        List<MimeMessage> toAnna = messagesTo(confirmed.recipient().email());
        assertThat(toAnna).hasSize(1);
        assertThat(messagesTo(waitlisted.recipient().email())).hasSize(1);
        // Same partition, written before: had it been read, its email would have been sent first.
        assertThat(messagesTo(aborted.recipient().email())).isEmpty();

        MimeMessage confirmation = toAnna.get(0);
        assertThat(confirmation.getSubject()).contains("IV Kongres Polityki Miejskiej i Regionalnej");
        assertThat(confirmation.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        Part calendar = findPart(confirmation, "text/calendar");
        assertThat(calendar).isNotNull();
        assertThat(calendar.getFileName()).endsWith(".ics");
        assertThat(new String(calendar.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("UID:" + confirmed.registrationId() + "-day-1@rushreg");
        assertThat(findPart(messagesTo(waitlisted.recipient().email()).get(0), "text/calendar")).isNull();
    }

    @Test
    void emailArrivesOnceWhenTheMailServerComesBack() throws Exception {
        greenMail.stop();
        greenMail = null;
        RegistrationDecided confirmed = SampleDecisions.confirmed(uniqueAddress("patient"), "en", SampleDecisions.DAY_1);

        publish(confirmed);
        awaitOutcome(confirmed, DeliveryStatus.RETRYING);
        greenMail = startGreenMail();

        awaitOutcome(confirmed, DeliveryStatus.SENT);
        assertThat(messagesTo(confirmed.recipient().email())).hasSize(1);
    }

    @Test
    void aRecordThatIsNotADecisionGoesToTheDeadLetterTopic() {
        String key = UUID.randomUUID().toString();
        try (KafkaProducer<String, byte[]> producer = plainProducer()) {
            producer.send(new ProducerRecord<>(Topics.REGISTRATION_DECISIONS.name(), key,
                    "{not a decision".getBytes(StandardCharsets.UTF_8)));
        }

        await().atMost(PATIENCE).until(() -> {
            pollReader();
            return read.stream().anyMatch(r -> r.topic().equals(Topics.REGISTRATION_DECISIONS.deadLetterName())
                    && key.equals(r.key()));
        });
    }

    private void awaitOutcome(RegistrationDecided decided, DeliveryStatus status) {
        await().atMost(PATIENCE).until(() -> {
            pollReader();
            return read.stream().filter(r -> r.topic().equals(Topics.NOTIFICATION_OUTCOMES.name()))
                    .filter(r -> decided.registrationId().equals(r.key()))
                    .map(r -> MessageJson.fromBytes(r.value(), Topics.NOTIFICATION_OUTCOMES))
                    .anyMatch(o -> o.status() == status && decided.messageId().equals(o.decisionId())
                            && String.valueOf(decided.status()).equals(o.kind()));
        });
    }

    private void pollReader() {
        reader.poll(Duration.ofMillis(200)).forEach(read::add);
    }

    private void publish(RegistrationDecided... decisions) {
        try (KafkaProducer<String, byte[]> producer = transactionalProducer()) {
            producer.beginTransaction();
            for (RegistrationDecided decided : decisions) {
                producer.send(record(decided));
            }
            producer.commitTransaction();
        }
    }

    private void publishAborted(RegistrationDecided decided) throws Exception {
        try (KafkaProducer<String, byte[]> producer = transactionalProducer()) {
            producer.beginTransaction();
            producer.send(record(decided)).get();
            producer.abortTransaction();
        }
    }

    private static ProducerRecord<String, byte[]> record(RegistrationDecided decided) {
        return new ProducerRecord<>(Topics.REGISTRATION_DECISIONS.name(), decided.registrationId(),
                MessageJson.toBytes(decided));
    }

    private KafkaProducer<String, byte[]> transactionalProducer() {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-decider-" + UUID.randomUUID()),
                new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        return producer;
    }

    private KafkaProducer<String, byte[]> plainProducer() {
        return new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()), new StringSerializer(), new ByteArraySerializer());
    }

    private static List<MimeMessage> messagesTo(String address) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                Object[] to = m.getRecipients(Message.RecipientType.TO);
                return to != null && Arrays.stream(to).anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static Part findPart(Part part, String contentType) throws Exception {
        if (part.isMimeType(contentType)) {
            return part;
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                Part found = findPart(child, contentType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String uniqueAddress(String who) {
        return who + "-" + UUID.randomUUID() + "@example.org";
    }

    private static GreenMail startGreenMail() {
        GreenMail mail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
