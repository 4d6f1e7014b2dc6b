package org.rushreg.capacity.stream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.rushreg.capacity.allocation.Attendance;
import org.rushreg.capacity.allocation.Hold;
import org.rushreg.capacity.allocation.Ledger;
import org.rushreg.capacity.allocation.RecordIndexes;
import org.rushreg.capacity.allocation.RegistrationRecord;
import org.rushreg.capacity.allocation.SessionTally;
import org.rushreg.messages.EventDefinition;

/**
 * The ledger as four key-value state stores (event definitions, session counters, registrations, attendance); every
 * key starts with the event id.
 *
 * <p>Event definitions and session counters are also kept as objects in memory, because every command reads them
 * and reading them meant deserialising them from the store each time (the definition changes only with a
 * {@code ConfigureEvent}). This is safe because this ledger is the stores' only writer and lives exactly as long
 * as its task's processor: every write goes to the store as well, and when Kafka Streams closes a task (a
 * rebalance, or an aborted transaction that makes it wipe and restore the stores) the processor and this ledger
 * are created again from the restored stores.
 *
 * <p>Who waits at which waitlist place, and which email hash has an active registration, are not stored at all:
 * both follow from the registration records (a WAITLISTED seat carries its place, an active record its email
 * hash), so they are indexes in memory, built from the registrations store the first time they are asked for and
 * kept in step by the same calls that write the records. That saves two store writes and two changelog records
 * per decision (decision 0009). The holds of registrations waiting for email verification are a third such index
 * (a held record carries its deadline, decision 0030): after a restart or a rebalance the task that gets the
 * partition rebuilds them from its restored records and expires them as the previous owner would have.
 */
final class StoreLedger implements Ledger {

    /** Separates the parts of a key; cannot occur in ids typed by people. */
    private static final char SEPARATOR = '\u001f';

    private final KeyValueStore<String, EventDefinition> events;
    private final KeyValueStore<String, SessionTally> tallies;
    private final KeyValueStore<String, RegistrationRecord> registrations;
    private final KeyValueStore<String, Attendance> attendance;
    private final Map<String, Optional<EventDefinition>> knownEvents = new HashMap<>();
    private final Map<String, SessionTally> knownTallies = new HashMap<>();
    /** Waitlist place (event, session, place) → registration id; null until first needed. */
    private Map<String, String> waitlists;
    /** (event, email hash) → the active registration's id; null until first needed. */
    private Map<String, String> activeEmails;
    /** The holds of registrations waiting for email verification, earliest deadline first; null until first needed. */
    private NavigableSet<Hold> holds;
    private Map<String, Hold> holdsByRegistration;

    StoreLedger(ProcessorContext<?, ?> context) {
        this.events = context.getStateStore(CapacityStores.EVENTS);
        this.tallies = context.getStateStore(CapacityStores.TALLIES);
        this.registrations = context.getStateStore(CapacityStores.REGISTRATIONS);
        this.attendance = context.getStateStore(CapacityStores.ATTENDANCE);
    }

    @Override
    public Optional<EventDefinition> event(String eventId) {
        return knownEvents.computeIfAbsent(eventId, id -> Optional.ofNullable(events.get(id)));
    }

    @Override
    public void putEvent(String eventId, EventDefinition event) {
        events.put(eventId, event);
        knownEvents.put(eventId, Optional.of(event));
    }

    @Override
    public SessionTally tally(String eventId, String sessionId) {
        return knownTallies.computeIfAbsent(key(eventId, sessionId), key -> {
            SessionTally stored = tallies.get(key);
            return stored == null ? SessionTally.EMPTY : stored;
        });
    }

    @Override
    public void putTally(String eventId, String sessionId, SessionTally tally) {
        String key = key(eventId, sessionId);
        tallies.put(key, tally);
        knownTallies.put(key, tally);
    }

    @Override
    public Optional<String> waitlistEntry(String eventId, String sessionId, long sequence) {
        return Optional.ofNullable(indexed().waitlists.get(waitlistKey(eventId, sessionId, sequence)));
    }

    @Override
    public void putWaitlistEntry(String eventId, String sessionId, long sequence, String registrationId) {
        indexed().waitlists.put(waitlistKey(eventId, sessionId, sequence), registrationId);
    }

    @Override
    public void removeWaitlistEntry(String eventId, String sessionId, long sequence) {
        indexed().waitlists.remove(waitlistKey(eventId, sessionId, sequence));
    }

    @Override
    public Optional<RegistrationRecord> registration(String eventId, String registrationId) {
        return Optional.ofNullable(registrations.get(key(eventId, registrationId)));
    }

    @Override
    public void putRegistration(String eventId, RegistrationRecord registration) {
        registrations.put(key(eventId, registration.registrationId()), registration);
    }

    @Override
    public Optional<String> activeRegistrationOf(String eventId, String emailHash) {
        return Optional.ofNullable(indexed().activeEmails.get(key(eventId, emailHash)));
    }

    @Override
    public void putActiveRegistration(String eventId, String emailHash, String registrationId) {
        indexed().activeEmails.put(key(eventId, emailHash), registrationId);
    }

    @Override
    public void removeActiveRegistration(String eventId, String emailHash) {
        indexed().activeEmails.remove(key(eventId, emailHash));
    }

    @Override
    public Optional<Attendance> attendance(String eventId, String registrationId) {
        return Optional.ofNullable(attendance.get(key(eventId, registrationId)));
    }

    @Override
    public void putAttendance(String eventId, String registrationId, Attendance value) {
        attendance.put(key(eventId, registrationId), value);
    }

    @Override
    public void putHold(Hold hold) {
        removeHold(hold.eventId(), hold.registrationId());
        indexed().holds.add(hold);
        holdsByRegistration.put(key(hold.eventId(), hold.registrationId()), hold);
    }

    @Override
    public void removeHold(String eventId, String registrationId) {
        Hold hold = indexed().holdsByRegistration.remove(key(eventId, registrationId));
        if (hold != null) {
            holds.remove(hold);
        }
    }

    @Override
    public List<Hold> holdsDue(Instant now) {
        List<Hold> due = new ArrayList<>();
        for (Hold hold : indexed().holds) {
            if (hold.until().isAfter(now)) {
                break;
            }
            due.add(hold);
        }
        return due;
    }

    @Override
    public boolean hasHolds() {
        return !indexed().holds.isEmpty();
    }

    @Override
    public List<RegistrationRecord> registrations(String eventId) {
        List<RegistrationRecord> records = new ArrayList<>();
        try (KeyValueIterator<String, RegistrationRecord> all =
                     registrations.prefixScan(eventId + SEPARATOR, new StringSerializer())) {
            all.forEachRemaining(entry -> records.add(entry.value));
        }
        return records;
    }

    /**
     * Builds the two indexes from the registration records on first use: lazily rather than in the constructor,
     * so that state put into the stores after the processor started (as the topology test restores) is seen.
     */
    private StoreLedger indexed() {
        if (waitlists != null) {
            return this;
        }
        waitlists = new HashMap<>();
        activeEmails = new HashMap<>();
        holds = new TreeSet<>(Hold.BY_DEADLINE);
        holdsByRegistration = new HashMap<>();
        try (KeyValueIterator<String, RegistrationRecord> all = registrations.all()) {
            while (all.hasNext()) {
                KeyValue<String, RegistrationRecord> entry = all.next();
                RecordIndexes.addTo(this, entry.key.substring(0, entry.key.indexOf(SEPARATOR)), entry.value);
            }
        }
        return this;
    }

    private static String key(String eventId, String id) {
        return eventId + SEPARATOR + id;
    }

    private static String waitlistKey(String eventId, String sessionId, long sequence) {
        return key(eventId, sessionId) + SEPARATOR + sequence;
    }
}
