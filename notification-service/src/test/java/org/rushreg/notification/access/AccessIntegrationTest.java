package org.rushreg.notification.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.DeliveryStatus;
import org.rushreg.messages.EmailDigest;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.NotificationDataReported;
import org.rushreg.messages.PersonalDataAccess;
import org.rushreg.messages.PersonalDataRequested;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.RejectionReason;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SealedData;
import org.rushreg.messages.Topics;
import org.rushreg.notification.SampleDecisions;
import org.rushreg.notification.ServiceIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An access request (GDPR Art. 15, decision 0050) in the notification-service: a PersonalDataRequested on
 * personal-data.access is answered on the same topic and key with the registrations' recipient rows, their sent
 * emails and the reminder limit of the address, read from the database, sealed for the request's public key; a
 * request older than a minute or without a usable key is not answered. Real Kafka, PostgreSQL and SMTP server.
 */
class AccessIntegrationTest extends ServiceIntegrationTest {

    @Autowired
    private EmailDigest emails;

    private KafkaConsumer<String, byte[]> access;
    private final List<PersonalDataAccess> read = new ArrayList<>();
    private final List<byte[]> rawAnswers = new ArrayList<>();

    @BeforeEach
    void readTheAccessTopic() {
        access = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-access-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        access.subscribe(List.of(Topics.PERSONAL_DATA_ACCESS.name()));
    }

    @AfterEach
    void closeReader() {
        access.close();
    }

    @Test
    void aRequestIsAnsweredWithTheRecipientsTheSentEmailsAndTheReminderLimitOfTheRegistrations() {
        String address = INBOX.uniqueAddress("access");
        RegistrationDecided registered = SampleDecisions.decided(RegistrationStatus.CONFIRMED, null,
                new Recipient("Anna", "Nowak", address, "pl"), SampleDecisions.DAY_1);
        RegistrationDecided duplicate = SampleDecisions.decided(RegistrationStatus.REJECTED,
                RejectionReason.ALREADY_REGISTERED, new Recipient("Anna", "Nowak", address.toUpperCase(), "pl"));
        RegistrationDecided someoneElse = SampleDecisions.confirmed(INBOX.uniqueAddress("other"), "en");
        kafka.publish(registered, duplicate, someoneElse);
        await().atMost(PATIENCE).until(() -> kafka.reportedAll(List.of(registered, duplicate, someoneElse),
                DeliveryStatus.SENT));

        String requestId = UUID.randomUUID().toString();
        String eventId = registered.eventId();
        List<String> ids = List.of(registered.registrationId(), duplicate.registrationId());
        KeyPair requester = SealedData.newKeyPair();
        String publicKey = SealedData.publicKeyText(requester.getPublic());
        // The same key puts all on one partition: a request answered wrongly would be answered first.
        request(new PersonalDataRequested(Schema.newMessageId(), Instant.now().minus(Duration.ofMinutes(5)),
                Schema.VERSION, requestId, eventId, ids, publicKey));
        request(PersonalDataRequested.of(requestId, eventId, ids, null));
        request(PersonalDataRequested.of(requestId, eventId, ids, "bm90IGEga2V5"));
        request(PersonalDataRequested.of(requestId, eventId, ids, publicKey));

        await().atMost(PATIENCE).until(() -> !answers(requestId).isEmpty());
        assertThat(answers(requestId)).as("neither the request of five minutes ago nor those without a usable key "
                + "are answered").hasSize(1);
        assertThat(new String(rawAnswers.get(0), StandardCharsets.UTF_8)).as("sealed: nothing of the person in clear")
                .doesNotContain("Anna", "Nowak", address, address.toUpperCase(), registered.registrationId());
        NotificationDataReported answer = answers(requestId).get(0);
        assertThat(answer.eventId()).isEqualTo(eventId);
        assertThatThrownBy(() -> answer.open(SealedData.newKeyPair())).as("only the requester's key opens it")
                .isInstanceOf(IllegalArgumentException.class);
        NotificationDataReported.Held report = answer.open(requester);
        assertThat(report.recipients()).as("only the registration that can still be emailed has a recipient")
                .extracting(NotificationDataReported.HeldRecipient::registrationId,
                        NotificationDataReported.HeldRecipient::firstName,
                        NotificationDataReported.HeldRecipient::lastName, NotificationDataReported.HeldRecipient::email,
                        NotificationDataReported.HeldRecipient::locale, NotificationDataReported.HeldRecipient::status)
                .containsExactly(tuple(registered.registrationId(), "Anna", "Nowak", address, "pl", "CONFIRMED"));
        assertThat(report.sentEmails()).extracting(NotificationDataReported.SentEmail::registrationId,
                        NotificationDataReported.SentEmail::status)
                .containsExactlyInAnyOrder(tuple(registered.registrationId(), "SENT"),
                        tuple(duplicate.registrationId(), "SENT"));
        assertThat(report.reminderClaims()).extracting(NotificationDataReported.ReminderClaim::addressDigest)
                .containsExactly(emails.of(eventId, address));
    }

    private void request(PersonalDataRequested request) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.PERSONAL_DATA_ACCESS.name(), request.requestId(),
                    MessageJson.toBytes(request)));
        }
    }

    private List<NotificationDataReported> answers(String requestId) {
        access.poll(Duration.ofMillis(200)).forEach(record -> {
            PersonalDataAccess message = MessageJson.fromBytes(record.value(), Topics.PERSONAL_DATA_ACCESS);
            if (message instanceof NotificationDataReported answer && answer.requestId().equals(requestId)) {
                read.add(answer);
                rawAnswers.add(record.value());
            }
        });
        return read.stream().filter(NotificationDataReported.class::isInstance)
                .map(NotificationDataReported.class::cast).toList();
    }
}
