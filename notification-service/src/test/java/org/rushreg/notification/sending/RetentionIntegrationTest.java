package org.rushreg.notification.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.DeliveryStatus;
import org.rushreg.messages.EventPersonalDataExpired;
import org.rushreg.messages.EventSummary;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.RejectionReason;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.Topics;
import org.rushreg.notification.SampleDecisions;
import org.rushreg.notification.ServiceIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An event's retention period over (issue 14, decision 0039): on its EventPersonalDataExpired the notification-service
 * forgets the event's recipients and reminder limits, keeps the records that emails were sent (no address in them),
 * leaves another event's people alone, does nothing more on a repeat, and remembers no one from a decision of the
 * event read late. Real Kafka, PostgreSQL and SMTP server.
 */
class RetentionIntegrationTest extends ServiceIntegrationTest {

    @Autowired
    private JdbcClient database;

    @Test
    void anExpiredEventsRecipientsAndAddressesGoOnceTheSentRecordsAndOtherEventsStay() throws Exception {
        EventSummary over = event();
        EventSummary other = event();
        String marker = marker();
        String otherMarker = marker();
        RegistrationDecided anna = decided(over, RegistrationStatus.CONFIRMED, null, "Anna" + marker,
                marker + "@example.org", SampleDecisions.DAY_1);
        RegistrationDecided again = decided(over, RegistrationStatus.REJECTED, RejectionReason.ALREADY_REGISTERED,
                "Anna", marker.toUpperCase() + "@example.org");
        RegistrationDecided jan = decided(other, RegistrationStatus.CONFIRMED, null, "Jan" + otherMarker,
                otherMarker + "@example.org", SampleDecisions.DAY_1);
        kafka.publish(anna, again, jan);
        await().atMost(PATIENCE).until(() -> kafka.reported(anna, DeliveryStatus.SENT)
                && kafka.reported(again, DeliveryStatus.SENT) && kafka.reported(jan, DeliveryStatus.SENT));
        assertThat(tablesHolding(database, marker)).as("before its retention is over").contains("recipient");
        assertThat(count("select count(*) from reminder_claim where event_id = ?", over.id())).isEqualTo(1);

        expire(over.id());

        await().atMost(PATIENCE).until(() -> count("select count(*) from recipient where event_id = ?", over.id()) == 0
                && count("select count(*) from reminder_claim where event_id = ?", over.id()) == 0);
        assertThat(tablesHolding(database, marker)).as("no table holds a name or an address of the event").isEmpty();
        assertThat(database.sql("select kind from sent_email where registration_id in (?, ?) order by kind")
                .params(anna.registrationId(), again.registrationId()).query(String.class).list())
                .as("what proves the emails were sent stays").containsExactly("ALREADY_REGISTERED", "CONFIRMED");
        assertThat(tablesHolding(database, otherMarker)).as("another event's people stay").containsExactly("recipient");
        Instant forgottenAt = forgottenAt(over.id());

        // The same expiry again, then a decision of the event read late (the decisions waited for the mail server).
        expire(over.id());
        String lateMarker = marker();
        RegistrationDecided late = decided(over, RegistrationStatus.CONFIRMED, null, "Ewa" + lateMarker,
                lateMarker + "@example.org", SampleDecisions.DAY_1);
        kafka.publish(late);
        awaitExpirationsRead();
        await().atMost(PATIENCE).until(() -> kafka.reported(late, DeliveryStatus.SENT));

        assertThat(forgottenAt(over.id())).as("a repeat changes nothing").isEqualTo(forgottenAt);
        assertThat(tablesHolding(database, lateMarker)).as("a late decision of the event remembers no one").isEmpty();
        assertThat(tablesHolding(database, otherMarker)).containsExactly("recipient");
    }

    private static EventSummary event() {
        EventSummary kongres = SampleDecisions.KONGRES;
        return new EventSummary("retention-" + UUID.randomUUID().toString().substring(0, 8), kongres.name(),
                kongres.venue(), kongres.venueAddress(), kongres.timeZone(), kongres.startsOn(), kongres.endsOn(),
                kongres.organiserEmail());
    }

    private static String marker() {
        return "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static RegistrationDecided decided(EventSummary event, RegistrationStatus status, RejectionReason reason,
                                               String firstName, String email, SessionOutcome... sessions) {
        return new RegistrationDecided(Schema.newMessageId(), Schema.now(), Schema.VERSION,
                UUID.randomUUID().toString(), event.id(), Schema.newMessageId(), Schema.now(), status, reason,
                List.of(sessions), event, new Recipient(firstName, "Nowak", email, "pl"));
    }

    private void expire(String eventId) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.PERSONAL_DATA_EXPIRATIONS.name(),
                    eventId.getBytes(StandardCharsets.UTF_8),
                    MessageJson.toBytes(EventPersonalDataExpired.of(eventId)))).get();
        }
    }

    /** Until this service's group has committed every expiry on the topic: each was carried out. */
    private void awaitExpirationsRead() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()))) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.PERSONAL_DATA_EXPIRATIONS.name()))
                    .allTopicNames().get().get(Topics.PERSONAL_DATA_EXPIRATIONS.name()).partitions().stream()
                    .map(p -> new TopicPartition(Topics.PERSONAL_DATA_EXPIRATIONS.name(), p.partition())).toList();
            Map<TopicPartition, Long> ends = new java.util.HashMap<>();
            for (TopicPartition partition : partitions) {
                ends.put(partition, admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                        .partitionResult(partition).get().offset());
            }
            await().atMost(PATIENCE).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                        "notification-service").partitionsToOffsetAndMetadata().get();
                return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                        || (committed.get(end.getKey()) != null
                        && committed.get(end.getKey()).offset() >= end.getValue()));
            });
        }
    }

    private long count(String sql, String eventId) {
        return database.sql(sql).param(eventId).query(Long.class).single();
    }

    private Instant forgottenAt(String eventId) {
        return database.sql("select forgotten_at from forgotten_event where event_id = ?").param(eventId)
                .query((rs, row) -> rs.getTimestamp(1).toInstant()).single();
    }
}
