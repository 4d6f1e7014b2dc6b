package org.rushreg.notification.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.DeliveryStatus;
import org.rushreg.messages.ErasureConfirmed;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.RegistrationCancelled;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationErased;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.RejectionReason;
import org.rushreg.messages.Schema;
import org.rushreg.messages.Topics;
import org.rushreg.notification.SampleDecisions;
import org.rushreg.notification.ServiceIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Erasure on request (issue 14, decision 0027) in the notification-service: on the capacity service's
 * RegistrationErased, after the cancellation email, the person's recipient row and reminder limit go, the records
 * that emails were sent stay (they hold no address), and the erasure is confirmed on erasure.confirmations; an
 * instance whose consumer was stopped carries it out when it reads again. Afterwards no table holds the person's name
 * or address. Real Kafka, PostgreSQL and SMTP server.
 */
class ErasureIntegrationTest extends ServiceIntegrationTest {

    @Autowired
    private JdbcClient database;

    @Autowired
    private BindingsLifecycleController bindings;

    private KafkaConsumer<String, byte[]> confirmations;
    private final List<ErasureConfirmed> confirmed = new ArrayList<>();

    @BeforeEach
    void readTopics() {
        confirmations = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-confirmations-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        confirmations.subscribe(List.of(Topics.ERASURE_CONFIRMATIONS.name()));
    }

    @AfterEach
    void closeReaders() {
        confirmations.close();
        bindings.changeState(DecisionsConfiguration.INPUT_BINDING, BindingsLifecycleController.State.STARTED);
    }

    @Test
    void anErasedPersonsRecipientAndReminderLimitGoTheSentRecordsStayAndTheErasureIsConfirmed() throws Exception {
        String marker = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String address = marker + "@example.org";
        RegistrationDecided registered = SampleDecisions.decided(RegistrationStatus.CONFIRMED, null,
                new Recipient("Anna" + marker, "Nowak", address, "pl"), SampleDecisions.DAY_1);
        RegistrationDecided duplicate = SampleDecisions.decided(RegistrationStatus.REJECTED,
                RejectionReason.ALREADY_REGISTERED, new Recipient("Anna", "Nowak", address.toUpperCase(), "pl"));
        kafka.publish(registered, duplicate);
        await().atMost(PATIENCE).until(() -> kafka.reported(registered, DeliveryStatus.SENT)
                && kafka.reported(duplicate, DeliveryStatus.SENT));
        assertThat(tablesHolding(database, marker)).as("before the erasure").contains("recipient");

        String erasureId = UUID.randomUUID().toString();
        RegistrationCancelled cancelled = SampleDecisions.cancelled(registered.registrationId(),
                SampleDecisions.DAY_1);
        // This instance is down while the erasure is decided: it carries it out when it reads again.
        bindings.changeState(DecisionsConfiguration.INPUT_BINDING, BindingsLifecycleController.State.STOPPED);
        kafka.publish(cancelled, erased(registered, erasureId), erased(duplicate, erasureId));
        bindings.changeState(DecisionsConfiguration.INPUT_BINDING, BindingsLifecycleController.State.STARTED);

        await().atMost(PATIENCE).until(() -> confirmedFor(erasureId).size() == 2);
        assertThat(confirmedFor(erasureId)).extracting(ErasureConfirmed::registrationId, ErasureConfirmed::store)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(registered.registrationId(), ErasureConfirmed.NOTIFICATIONS),
                        org.assertj.core.groups.Tuple.tuple(duplicate.registrationId(), ErasureConfirmed.NOTIFICATIONS));
        assertThat(kafka.reported(cancelled, DeliveryStatus.SENT)).as("the cancellation was emailed first").isTrue();
        assertThat(database.sql("select count(*) from recipient where registration_id = ?")
                .param(registered.registrationId()).query(Long.class).single()).isZero();
        assertThat(database.sql("select count(*) from reminder_claim where decision_id = ?")
                .param(duplicate.messageId()).query(Long.class).single()).as("the reminder limit").isZero();
        assertThat(database.sql("select kind from sent_email where registration_id = ? order by recorded_at")
                .param(registered.registrationId()).query(String.class).list())
                .as("what proves the emails were sent stays").containsExactly("CONFIRMED", "CANCELLED");
        assertThat(tablesHolding(database, marker)).as("no table holds the name or the address").isEmpty();
    }

    private static RegistrationErased erased(RegistrationDecided decided, String erasureId) {
        return new RegistrationErased(Schema.newMessageId(), Schema.now(), Schema.VERSION, decided.registrationId(),
                decided.eventId(), erasureId, List.of());
    }

    private List<ErasureConfirmed> confirmedFor(String erasureId) {
        confirmations.poll(Duration.ofMillis(200)).forEach(record ->
                confirmed.add(MessageJson.fromBytes(record.value(), Topics.ERASURE_CONFIRMATIONS)));
        return confirmed.stream().filter(c -> c.erasureId().equals(erasureId)).toList();
    }
}
