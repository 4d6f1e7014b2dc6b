package org.rushreg.registration;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.rushreg.messages.DeliveryStatus;
import org.rushreg.messages.ErasureConfirmed;
import org.rushreg.messages.RegistrationCancelled;
import org.rushreg.messages.RegistrationErased;
import org.rushreg.messages.EventSummary;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.NotificationOutcome;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationHeld;
import org.rushreg.messages.RegistrationHoldExpired;
import org.rushreg.messages.RegistrationPromoted;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.RejectionReason;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SeatAvailability;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionSeats;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.SessionsChanged;
import org.rushreg.messages.TicketScanned;
import org.rushreg.messages.Topics;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/**
 * Plays the capacity and notification services on the embedded broker: writes decisions, seats and email outcomes
 * as they would, which is all this service reads from them.
 */
final class StandInServices implements AutoCloseable {

    static final String EVENT = "kongres-2024";
    private static final EventSummary SUMMARY = new EventSummary(EVENT, "Kongres", null, null, "Europe/Warsaw", null,
            null, null);

    private final DefaultKafkaProducerFactory<String, byte[]> producers;
    private final KafkaTemplate<String, byte[]> kafka;

    StandInServices(EmbeddedKafkaBroker broker) {
        producers = new DefaultKafkaProducerFactory<>(KafkaTestUtils.producerProps(broker), new StringSerializer(),
                new ByteArraySerializer());
        kafka = new KafkaTemplate<>(producers);
    }

    private void publish(String topic, String key, Object message) {
        kafka.send(topic, key, MessageJson.toBytes(message)).join();
    }

    /** Decides every asked session alike; the registration's status follows from it (DESIGN §5). */
    RegistrationDecided decide(String registrationId, Instant requestedAt, SessionStatus sessionStatus,
                               String... sessionIds) {
        return decide(registrationId, requestedAt, sessionStatus, RejectionReason.FULL, sessionIds);
    }

    /** Refuses a second registration of an address for the event, as the capacity service does (DESIGN §4). */
    RegistrationDecided alreadyRegistered(String registrationId, Instant requestedAt, String... sessionIds) {
        return decide(registrationId, requestedAt, SessionStatus.REJECTED, RejectionReason.ALREADY_REGISTERED,
                sessionIds);
    }

    private RegistrationDecided decide(String registrationId, Instant requestedAt, SessionStatus sessionStatus,
                                       RejectionReason rejection, String... sessionIds) {
        RegistrationStatus status = switch (sessionStatus) {
            case CONFIRMED -> RegistrationStatus.CONFIRMED;
            case WAITLISTED -> RegistrationStatus.WAITLISTED;
            default -> RegistrationStatus.REJECTED;
        };
        List<SessionOutcome> sessions = Arrays.stream(sessionIds)
                .map(s -> new SessionOutcome(s, s, Instant.now(), Instant.now(), sessionStatus,
                        sessionStatus == SessionStatus.WAITLISTED ? 1 : null))
                .toList();
        RegistrationDecided decided = new RegistrationDecided(Schema.newMessageId(), Instant.now(), Schema.VERSION,
                registrationId, EVENT, Schema.newMessageId(), requestedAt, status,
                status == RegistrationStatus.REJECTED ? rejection : null, sessions, SUMMARY,
                new Recipient("Anna", "Nowak", "anna@example.org", "pl"));
        publish(Topics.REGISTRATION_DECISIONS.name(), registrationId, decided);
        return decided;
    }

    /** Holds the asked sessions, confirmed, until {@code heldUntil}: the event requires email verification. */
    RegistrationHeld hold(String registrationId, Instant heldUntil, String... sessionIds) {
        RegistrationHeld held = new RegistrationHeld(Schema.newMessageId(), Instant.now(), Schema.VERSION,
                registrationId, EVENT, Schema.newMessageId(), Instant.now(), RegistrationStatus.CONFIRMED,
                sessions(SessionStatus.CONFIRMED, sessionIds), heldUntil, SUMMARY,
                new Recipient("Anna", "Nowak", "anna@example.org", "pl"));
        publish(Topics.REGISTRATION_DECISIONS.name(), registrationId, held);
        return held;
    }

    /** The person verified in time: the decision, naming no recipient (the hold did). */
    RegistrationDecided verified(RegistrationHeld held) {
        RegistrationDecided decided = new RegistrationDecided(Schema.newMessageId(), Instant.now(), Schema.VERSION,
                held.registrationId(), EVENT, Schema.newMessageId(), held.requestedAt(), held.status(), null,
                held.sessions(), SUMMARY, null);
        publish(Topics.REGISTRATION_DECISIONS.name(), held.registrationId(), decided);
        return decided;
    }

    /** Nobody verified it in time: its seats went back. */
    RegistrationHoldExpired expire(RegistrationHeld held) {
        RegistrationHoldExpired expired = new RegistrationHoldExpired(Schema.newMessageId(), Instant.now(),
                Schema.VERSION, held.registrationId(), EVENT, held.heldUntil(),
                held.sessions().stream().map(s -> new SessionOutcome(s.sessionId(), s.title(), s.startsAt(),
                        s.endsAt(), SessionStatus.CANCELLED, null)).toList(), SUMMARY);
        publish(Topics.REGISTRATION_DECISIONS.name(), held.registrationId(), expired);
        return expired;
    }

    private static List<SessionOutcome> sessions(SessionStatus status, String... sessionIds) {
        return Arrays.stream(sessionIds)
                .map(s -> new SessionOutcome(s, s, Instant.now(), Instant.now(), status, null)).toList();
    }

    /** Sends the very same decision again, as a redelivery would. */
    void redeliver(RegistrationDecided decided) {
        publish(Topics.REGISTRATION_DECISIONS.name(), decided.registrationId(), decided);
    }

    void promote(String registrationId, String sessionId) {
        publish(Topics.REGISTRATION_DECISIONS.name(), registrationId, new RegistrationPromoted(Schema.newMessageId(),
                Instant.now(), Schema.VERSION, registrationId, EVENT, sessionId, RegistrationStatus.CONFIRMED,
                List.of(new SessionOutcome(sessionId, sessionId, Instant.now(), Instant.now(), SessionStatus.CONFIRMED,
                        null)), SUMMARY));
    }

    /** The registration now holds this one session, confirmed (a change of sessions that was made). */
    void changeSessions(String registrationId, String sessionId) {
        publish(Topics.REGISTRATION_DECISIONS.name(), registrationId, new SessionsChanged(Schema.newMessageId(),
                Instant.now(), Schema.VERSION, registrationId, EVENT, Schema.newMessageId(),
                RegistrationStatus.CONFIRMED, null, List.of(new SessionOutcome(sessionId, sessionId, Instant.now(),
                        Instant.now(), SessionStatus.CONFIRMED, null)), List.of(), SUMMARY));
    }

    /** Publishes how a scan was decided, as the capacity service does on the attendance topic. */
    void scanned(TicketScanned scan) {
        publish(Topics.ATTENDANCE.name(), scan.eventId(), scan);
    }

    /** Cancels the registration and forgets its person, as the capacity service answers an ErasePerson. */
    void erase(String registrationId, String erasureId, String sessionId) {
        publish(Topics.REGISTRATION_DECISIONS.name(), registrationId, new RegistrationCancelled(Schema.newMessageId(),
                Instant.now(), Schema.VERSION, registrationId, EVENT, List.of(new SessionOutcome(sessionId, sessionId,
                        Instant.now(), Instant.now(), SessionStatus.CANCELLED, null)), SUMMARY));
        publish(Topics.REGISTRATION_DECISIONS.name(), registrationId, new RegistrationErased(Schema.newMessageId(),
                Instant.now(), Schema.VERSION, registrationId, EVENT, erasureId, List.of()));
    }

    /** The notification service's confirmation of an erasure. */
    void confirmErasure(String erasureId, String registrationId) {
        publish(Topics.ERASURE_CONFIRMATIONS.name(), erasureId, ErasureConfirmed.of(erasureId, EVENT, registrationId,
                ErasureConfirmed.NOTIFICATIONS));
    }

    void seats(SessionSeats... sessions) {
        publish(Topics.SEAT_AVAILABILITY.name(), EVENT, SeatAvailability.of(EVENT, Instant.now(), List.of(sessions)));
    }

    void email(RegistrationDecided about, DeliveryStatus status, String reason) {
        publish(Topics.NOTIFICATION_OUTCOMES.name(), about.registrationId(), NotificationOutcome.of(
                about.registrationId(), EVENT, about.messageId(), String.valueOf(about.status()), status, reason));
    }

    /** The capacity service's answer to an organiser's message for one registration (decision 0042). */
    void addressed(String eventId, String registrationId, String organiserMessageId, String decisionId) {
        publish(Topics.REGISTRATION_DECISIONS.name(), registrationId, new org.rushreg.messages.OrganiserMessageAddressed(
                decisionId, Instant.now(), org.rushreg.messages.Schema.VERSION, registrationId, eventId, "command",
                organiserMessageId, null, org.rushreg.messages.RegistrationStatus.CONFIRMED, List.of(), null,
                "Temat", "Treść", "Subject", "Text"));
    }

    /** The notification service's report of the email about one outcome. */
    void email(String eventId, String registrationId, String decisionId, String kind, DeliveryStatus status) {
        publish(Topics.NOTIFICATION_OUTCOMES.name(), registrationId, NotificationOutcome.of(registrationId, eventId,
                decisionId, kind, status, status == DeliveryStatus.FAILED ? "550 no such user" : null));
    }

    @Override
    public void close() {
        producers.destroy();
    }
}
