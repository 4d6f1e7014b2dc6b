package org.rushreg.capacity.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.rushreg.capacity.allocation.CommandCheck;
import org.rushreg.capacity.allocation.Decisions;
import org.rushreg.capacity.allocation.SeatAllocator;
import org.rushreg.capacity.observability.DecisionTrail;
import org.rushreg.messages.CapacityDataReported;
import org.rushreg.messages.MalformedMessageException;
import org.rushreg.messages.EmailDigest;
import org.rushreg.messages.EventPersonalDataExpired;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.RegistrationCommand;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationHeld;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.SeatAvailability;
import org.rushreg.messages.TicketScanned;
import org.rushreg.messages.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a command, lets the {@link SeatAllocator} decide over the state stores, forwards what it decided. A record
 * that is not a command of the event it is keyed by goes to the dead-letter topic with the reason in headers,
 * within the same transaction.
 *
 * <p>Seat availability is coalesced: the first command since the last publication that changes an event's seats
 * marks the event in a small store of pending availability, and a wall-clock punctuation publishes the current
 * seats of every marked event and clears the marks every {@code availabilityInterval}. A rush of thousands of
 * commands per second then writes a few records per event per second to the compacted topic instead of one per
 * command, and every change is still published within about one interval (plus the commit interval). The pending
 * store has a changelog, so a crash loses no pending publication; it is written once per event and interval, not
 * once per command.
 *
 * <p>Holds of registrations waiting for email verification are expired by a second wall-clock punctuation (decision
 * 0030): every {@code holdCheckInterval} the allocator releases the holds whose deadline has passed. The holds and
 * their deadlines are in the registration records, so a task restored after a crash or moved by a rebalance finds
 * them and expires them itself; the expiry and its outcomes are written in the task's transaction like any decision,
 * so it happens once.
 *
 * <p>Each punctuation is scheduled only while it has work (a publication pending, a hold held): Kafka Streams
 * commits a task after every punctuation, and with exactly-once each commit is a transaction (four broker requests
 * and a marker per partition), so a punctuation left running would keep an idle service committing (decision 0032).
 */
final class AllocationProcessor implements Processor<String, byte[], String, Outbound> {

    static final String ERROR_HEADER = "x-error-message";
    static final String SOURCE_TOPIC_HEADER = "x-source-topic";

    private static final Logger log = LoggerFactory.getLogger(AllocationProcessor.class);

    /**
     * The key of the mark written to the registrations' changelog to roll its segment: no registration has it (their
     * keys are an event id and a registration id), and a deletion leaves nothing in the store.
     */
    static final String SEGMENT_ROLL_MARK = "segment-roll";

    private final Duration availabilityInterval;
    private final Duration holdCheckInterval;
    private final Duration changelogRoll;
    private ProcessorContext<String, Outbound> context;
    private SeatAllocator allocator;
    private KeyValueStore<String, SeatAvailability> pendingAvailability;
    /** Events already marked in the pending store since the last publication. */
    private Set<String> markedPending;
    private Cancellable publication;
    private Cancellable holdCheck;

    private final EmailDigest emails;

    /**
     * @param changelogRoll how often a mark is written to the registrations' changelog (a seventh of the personal
     *                      data retention), see {@link #rollChangelog}
     */
    AllocationProcessor(Duration availabilityInterval, Duration holdCheckInterval, EmailDigest emails,
                        Duration changelogRoll) {
        this.availabilityInterval = availabilityInterval;
        this.holdCheckInterval = holdCheckInterval;
        this.emails = emails;
        this.changelogRoll = changelogRoll;
    }

    @Override
    public void init(ProcessorContext<String, Outbound> context) {
        this.context = context;
        this.allocator = new SeatAllocator(new StoreLedger(context), emails);
        this.pendingAvailability = context.getStateStore(CapacityStores.PENDING_AVAILABILITY);
        this.markedPending = new HashSet<>();
        this.publication = null;
        this.holdCheck = null;
        // Marks restored from the changelog after a crash or a rebalance are published like any others.
        try (KeyValueIterator<String, SeatAvailability> restored = pendingAvailability.all()) {
            if (restored.hasNext()) {
                schedulePublication();
            }
        }
        // Whether holds were restored is known only from the registrations, indexed at their first use: the first
        // check looks, and stops the clock if there are none.
        scheduleHoldCheck();
        KeyValueStore<String, ?> registrations = context.getStateStore(CapacityStores.REGISTRATIONS);
        context.schedule(changelogRoll, PunctuationType.WALL_CLOCK_TIME, now -> rollChangelog(registrations));
    }

    /**
     * The broker rolls a changelog segment, and so lets its cleaner drop a registration record rewritten without its
     * email digest (an erasure, an event's expiry), only when something is written to the partition
     * {@code max.compaction.lag.ms} after the segment began (decision 0048). An event whose people stop registering
     * writes nothing more: this mark, a deletion of a key no registration has, is such a write, so the old digest is
     * gone within the retention and one roll interval even on a quiet partition. One commit per interval.
     */
    private static void rollChangelog(KeyValueStore<String, ?> registrations) {
        registrations.delete(SEGMENT_ROLL_MARK);
    }

    private void schedulePublication() {
        if (publication == null) {
            publication = context.schedule(availabilityInterval, PunctuationType.WALL_CLOCK_TIME,
                    this::publishAvailability);
        }
    }

    private void scheduleHoldCheck() {
        if (holdCheck == null) {
            holdCheck = context.schedule(holdCheckInterval, PunctuationType.WALL_CLOCK_TIME, this::expireHolds);
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (context.recordMetadata().map(meta -> Topics.PERSONAL_DATA_EXPIRATIONS.name().equals(meta.topic()))
                .orElse(false)) {
            expire(record);
            return;
        }
        RegistrationCommand command;
        try {
            command = MessageJson.fromBytes(record.value(), Topics.REGISTRATION_COMMANDS);
        } catch (MalformedMessageException e) {
            deadLetter(record, e.getMessage());
            return;
        }
        Optional<String> problem = CommandCheck.problemWith(command);
        if (problem.isPresent()) {
            deadLetter(record, problem.get());
            return;
        }
        if (!command.eventId().equals(record.key())) {
            // Another key would put the event's commands on two partitions, with two writers of its seats.
            deadLetter(record, "Record key does not match the command's eventId");
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        forward(command.eventId(), allocator.apply(command, now), now, record.timestamp(), record.headers());
    }

    /**
     * An event's retention is over (decision 0039): its records forget their email digests. The expiry comes on its
     * own topic, keyed by event like the commands and partitioned alike, so it reaches the task that holds the
     * event's state; it changes no seat and sends nothing, and a repeat finds nothing left to forget.
     */
    private void expire(Record<String, byte[]> record) {
        EventPersonalDataExpired expired;
        try {
            expired = MessageJson.fromBytes(record.value(), Topics.PERSONAL_DATA_EXPIRATIONS);
        } catch (MalformedMessageException e) {
            deadLetter(record, e.getMessage(), Outbound.Destination.EXPIRATION_DEAD_LETTER);
            return;
        }
        if (expired.eventId() == null || !expired.eventId().equals(record.key())) {
            deadLetter(record, "Record key does not match the expiry's eventId",
                    Outbound.Destination.EXPIRATION_DEAD_LETTER);
            return;
        }
        int forgotten = allocator.forgetEvent(expired.eventId());
        log.info("Event {}: its retention is over, {} registration records forgot their email digests",
                expired.eventId(), forgotten);
    }

    /** Releases the holds whose deadline has passed by this task's clock. */
    private void expireHolds(long now) {
        Instant at = Instant.ofEpochMilli(now);
        for (RegistrationOutcome outcome : allocator.expireHolds(at).outcomes()) {
            // Every outcome of an expiry (the expiry itself, a promotion into its seat) changes its event's seats.
            forward(outcome.eventId(), new Decisions(List.of(outcome), true), at, now, new RecordHeaders());
        }
        if (!allocator.holdsPending()) {
            holdCheck.cancel();
            holdCheck = null;
        }
    }

    private void forward(String eventId, Decisions decisions, Instant now, long timestamp, Headers headers) {
        for (RegistrationOutcome outcome : decisions.outcomes()) {
            try (DecisionTrail trail = DecisionTrail.of(outcome, headers)) {
                logOutcome(outcome);
            }
            context.forward(new Record<>(outcome.registrationId(),
                    new Outbound(Outbound.Destination.DECISIONS, MessageJson.toBytes(outcome)), timestamp,
                    DecisionTrail.traceHeaders(headers)));
        }
        for (TicketScanned scan : decisions.scans()) {
            log.info("Registration {} scanned ({}): {}{}", scan.registrationId(), scan.scanId(), scan.result(),
                    scan.conflict() ? ", a conflict: scanned before its cancellation" : "");
            context.forward(new Record<>(scan.eventId(),
                    new Outbound(Outbound.Destination.ATTENDANCE, MessageJson.toBytes(scan)), timestamp,
                    DecisionTrail.traceHeaders(headers)));
        }
        for (CapacityDataReported report : decisions.reports()) {
            log.info("Access request {} of event {}: reported, sealed", report.requestId(), report.eventId());
            context.forward(new Record<>(report.requestId(),
                    new Outbound(Outbound.Destination.ACCESS, MessageJson.toBytes(report)), timestamp,
                    DecisionTrail.traceHeaders(headers)));
        }
        if (decisions.seatsChanged() && markedPending.add(eventId)) {
            allocator.availability(eventId, now).ifPresent(seats -> pendingAvailability.put(eventId, seats));
            schedulePublication();
        }
        if (decisions.outcomes().stream().anyMatch(RegistrationHeld.class::isInstance)) {
            scheduleHoldCheck();
        }
    }

    /** Publishes the latest seats of every event whose seats changed since the last time. */
    private void publishAvailability(long now) {
        List<KeyValue<String, SeatAvailability>> pending = new ArrayList<>();
        try (KeyValueIterator<String, SeatAvailability> entries = pendingAvailability.all()) {
            entries.forEachRemaining(pending::add);
        }
        for (KeyValue<String, SeatAvailability> entry : pending) {
            SeatAvailability current = allocator.availability(entry.key, Instant.ofEpochMilli(now))
                    .orElse(entry.value);
            context.forward(new Record<>(entry.key,
                    new Outbound(Outbound.Destination.AVAILABILITY, MessageJson.toBytes(current)), now,
                    new RecordHeaders()));
            pendingAvailability.delete(entry.key);
        }
        markedPending.clear();
        publication.cancel();
        publication = null;
    }

    private void deadLetter(Record<String, byte[]> record, String reason) {
        deadLetter(record, reason, Outbound.Destination.DEAD_LETTER);
    }

    private void deadLetter(Record<String, byte[]> record, String reason, Outbound.Destination deadLetters) {
        log.warn("Record at {} sent to the dead-letter topic: {}", position(), reason);
        String source = deadLetters == Outbound.Destination.DEAD_LETTER ? Topics.REGISTRATION_COMMANDS.name()
                : Topics.PERSONAL_DATA_EXPIRATIONS.name();
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(ERROR_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(SOURCE_TOPIC_HEADER, source.getBytes(StandardCharsets.UTF_8));
        context.forward(new Record<>(record.key(), new Outbound(deadLetters, record.value()),
                record.timestamp(), headers));
    }

    private String position() {
        return context.recordMetadata()
                .map(meta -> meta.topic() + "-" + meta.partition() + "@" + meta.offset())
                .orElse("unknown position");
    }

    private static void logOutcome(RegistrationOutcome outcome) {
        if (outcome instanceof RegistrationDecided decided) {
            log.info("Registration {} decided {}{}", decided.registrationId(), decided.status(),
                    decided.reason() == null ? "" : " (" + decided.reason() + ")");
        } else {
            log.info("Registration {} {}", outcome.registrationId(), outcome.getClass().getSimpleName());
        }
    }
}
