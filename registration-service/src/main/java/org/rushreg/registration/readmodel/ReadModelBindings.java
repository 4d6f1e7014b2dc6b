package org.rushreg.registration.readmodel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.NotificationOutcome;
import org.rushreg.messages.RegisterAttendee;
import org.rushreg.messages.RegistrationCommand;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.TicketScanned;
import org.rushreg.messages.Topic;
import org.rushreg.messages.Topics;
import org.springframework.cloud.stream.binder.kafka.utils.DlqDestinationResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.messaging.Message;

/**
 * The topics the read model follows, as Spring Cloud Stream consumers (bindings {@code readModel-in-0}, which reads
 * the commands and the email reports, {@code readModelDecisions-in-0}, which reads the decisions, {@code
 * attendance-in-0} and {@code seatAvailability-in-0} in application.yml). The first three receive whole polls (batch
 * mode) and apply each topic's part in one transaction: in a rush a poll carries hundreds of records, and a
 * transaction, a round trip and an offset commit per record was most of what the read model cost.
 *
 * <p>A record that is not a valid message is set aside before the batch is applied: a decision or email report goes
 * to its topic's dead-letter topic and the rest of the poll is applied. A command that is not valid is only logged:
 * the capacity service, which owns the command log, puts it on {@code registration.commands.dlq}. A poll that fails
 * otherwise is tried three times within a few seconds, then record by record (see {@link #apply}).
 */
@Configuration(proxyBeanMethods = false)
class ReadModelBindings {

    private static final Logger log = LoggerFactory.getLogger(ReadModelBindings.class);

    /**
     * Decisions as the read model uses them: without the event's summary and the sessions' titles and times, which
     * a decision carries for its emails and which the read model does not write; in a rush the read model's
     * decisions thread would spend much of its time building them.
     */
    private static final MessageJson.Reader DECISIONS = MessageJson.skipping(skippedParts());

    private static Map<Class<?>, Set<String>> skippedParts() {
        Map<Class<?>, Set<String>> skipped = new HashMap<>();
        for (Class<?> outcome : RegistrationOutcome.class.getPermittedSubclasses()) {
            skipped.put(outcome, Set.of("event"));
        }
        skipped.put(SessionOutcome.class, Set.of("title", "titles", "startsAt", "endsAt"));
        return skipped;
    }

    private static final List<String> READ_MODEL_TOPICS = List.of(Topics.REGISTRATION_COMMANDS.name(),
            Topics.REGISTRATION_DECISIONS.name(), Topics.NOTIFICATION_OUTCOMES.name());

    /** As the binder's own retry of single records did: three attempts, 1 s then 2 s apart. */
    private static final RetryTemplate RETRY = new RetryTemplate(RetryPolicy.builder()
            .maxRetries(2).delay(Duration.ofSeconds(1)).multiplier(2).build());

    /**
     * The registrations (from their commands) and the reports of their emails, from one consumer: each poll of it is
     * one fetch for both topics. A poll's registrations are applied first, then its decisions (none, as bound in
     * application.yml: either binding applies whatever topics its polls hold), then its email reports.
     */
    @Bean
    Consumer<Message<List<byte[]>>> readModel(RegistrationProjection registrations, DecisionProjection decisions,
                                              DeliveryProjection deliveries, DeadLetters deadLetters) {
        return message -> applyPoll(message, registrations, decisions, deliveries, deadLetters);
    }

    /**
     * The decisions, from a consumer of their own (decision 0051): a person waits for a decision to show, and on a
     * busy machine a decision read behind a poll of commands waited for that poll's writes as well.
     */
    @Bean
    Consumer<Message<List<byte[]>>> readModelDecisions(RegistrationProjection registrations,
                                                       DecisionProjection decisions, DeliveryProjection deliveries,
                                                       DeadLetters deadLetters) {
        return message -> applyPoll(message, registrations, decisions, deliveries, deadLetters);
    }

    private static void applyPoll(Message<List<byte[]>> message, RegistrationProjection registrations,
                                  DecisionProjection decisions, DeliveryProjection deliveries,
                                  DeadLetters deadLetters) {
        Map<String, PolledRecords> poll = PolledRecords.byTopic(message, READ_MODEL_TOPICS);
        registrationsFromCommands(poll.get(Topics.REGISTRATION_COMMANDS.name()), registrations, deadLetters);
        decisions(poll.get(Topics.REGISTRATION_DECISIONS.name()), decisions, deadLetters);
        deliveries(poll.get(Topics.NOTIFICATION_OUTCOMES.name()), deliveries, deadLetters);
    }

    private static void registrationsFromCommands(PolledRecords records, RegistrationProjection projection,
                                                  DeadLetters deadLetters) {
        if (records.values().isEmpty()) {
            return;
        }
        PolledRecords.Read<RegistrationCommand> read = records
                .read(Topics.REGISTRATION_COMMANDS, c -> !(c instanceof RegisterAttendee r)
                        || (r.registrationId() != null && r.eventId() != null && r.createdAt() != null));
        read.unreadable().forEach(r -> log.warn("Command at {}-{}@{} is not one the read model can record; skipped",
                Topics.REGISTRATION_COMMANDS.name(), r.partition(), r.offset()));
        // Catalogue changes, cancellations and changes of sessions reach the read model as outcomes.
        List<Integer> positions = new ArrayList<>();
        List<RegisterAttendee> registrations = new ArrayList<>();
        for (int i = 0; i < read.messages().size(); i++) {
            if (read.messages().get(i) instanceof RegisterAttendee registration) {
                registrations.add(registration);
                positions.add(read.positions().get(i));
            }
        }
        apply(new PolledRecords.Read<>(read.batch(), registrations, positions, List.of()), projection::apply,
                Topics.REGISTRATION_COMMANDS, deadLetters);
    }

    private static void decisions(PolledRecords records, DecisionProjection projection, DeadLetters deadLetters) {
        if (records.values().isEmpty()) {
            return;
        }
        PolledRecords.Read<RegistrationOutcome> read = records
                .read(bytes -> DECISIONS.fromBytes(bytes, Topics.REGISTRATION_DECISIONS), o -> o.registrationId() != null && o.eventId() != null
                        && o.messageId() != null && !(o instanceof RegistrationDecided d && d.status() == null));
        deadLetters.send(Topics.REGISTRATION_DECISIONS, read.unreadable());
        apply(read, projection::apply, Topics.REGISTRATION_DECISIONS, deadLetters);
    }

    private static void deliveries(PolledRecords records, DeliveryProjection projection, DeadLetters deadLetters) {
        if (records.values().isEmpty()) {
            return;
        }
        PolledRecords.Read<NotificationOutcome> read = records
                .read(Topics.NOTIFICATION_OUTCOMES, o -> o.registrationId() != null && o.eventId() != null
                        && o.status() != null && (o.decisionId() != null || o.messageId() != null));
        deadLetters.send(Topics.NOTIFICATION_OUTCOMES, read.unreadable());
        apply(read, projection::apply, Topics.NOTIFICATION_OUTCOMES, deadLetters);
    }

    /**
     * The binder's last resort, for a poll whose own dead letters could not be sent either: each record goes to the
     * dead-letter topic of the topic it came from ({@code readModel-in-0} reads two).
     */
    @Bean
    DlqDestinationResolver deadLetterTopics() {
        return (record, problem) -> Topics.ALL.stream().filter(topic -> topic.name().equals(record.topic()))
                .findFirst().map(Topic::deadLetterName).orElse(record.topic() + ".dlq");
    }

    /**
     * Applies a poll in one transaction, tried three times. If it still fails, each message is applied on its own, so
     * that a record the database refuses (one no parser can catch) goes to the dead-letter topic alone instead of
     * taking its poll along; with the database away, every one of them fails and goes there, as whole polls did.
     */
    private static <T> void apply(PolledRecords.Read<T> read, Consumer<List<T>> projection, Topic<?> topic,
                                  DeadLetters deadLetters) {
        try {
            RETRY.invoke(() -> projection.accept(read.messages()));
        } catch (RuntimeException pollFailed) {
            log.warn("A poll of {} records from {} failed three times; applying them one by one",
                    read.messages().size(), topic.name(), pollFailed);
            for (int i = 0; i < read.messages().size(); i++) {
                try {
                    projection.accept(List.of(read.messages().get(i)));
                } catch (RuntimeException refused) {
                    deadLetters.send(topic, List.of(read.refused(i, refused)));
                }
            }
        }
    }

    @Bean
    Consumer<Message<List<byte[]>>> attendance(AttendanceProjection projection, DeadLetters deadLetters) {
        return message -> {
            PolledRecords.Read<TicketScanned> read = PolledRecords.of(message)
                    .read(Topics.ATTENDANCE, s -> s.eventId() != null && s.scanId() != null
                            && s.registrationId() != null && s.result() != null);
            deadLetters.send(Topics.ATTENDANCE, read.unreadable());
            apply(read, projection::apply, Topics.ATTENDANCE, deadLetters);
        };
    }

    @Bean
    Consumer<Message<byte[]>> seatAvailability(AvailabilityProjection projection) {
        return message -> projection.apply(MessageJson.fromBytes(message.getPayload(), Topics.SEAT_AVAILABILITY));
    }
}
