package org.rushreg.capacity.stream;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.rushreg.capacity.allocation.Ledger;
import org.rushreg.capacity.allocation.RegistrationRecord;
import org.rushreg.capacity.allocation.SessionTally;
import org.rushreg.messages.EventDefinition;

/**
 * The ledger as five key-value state stores; every key starts with the event id.
 *
 * <p>Event definitions and session counters are also kept as objects in memory, because every command reads them
 * and reading them meant deserialising them from the store each time (the definition changes only with a
 * {@code ConfigureEvent}). This is safe because this ledger is the stores' only writer and lives exactly as long
 * as its task's processor: every write goes to the store as well, and when Kafka Streams closes a task (a
 * rebalance, or an aborted transaction that makes it wipe and restore the stores) the processor and this ledger
 * are created again from the restored stores.
 */
final class StoreLedger implements Ledger {

    /** Separates the parts of a key; cannot occur in ids typed by people. */
    private static final char SEPARATOR = '\u001f';

    private final KeyValueStore<String, EventDefinition> events;
    private final KeyValueStore<String, SessionTally> tallies;
    private final KeyValueStore<String, String> waitlists;
    private final KeyValueStore<String, RegistrationRecord> registrations;
    private final KeyValueStore<String, String> activeEmails;
    private final Map<String, Optional<EventDefinition>> knownEvents = new HashMap<>();
    private final Map<String, SessionTally> knownTallies = new HashMap<>();

    StoreLedger(ProcessorContext<?, ?> context) {
        this.events = context.getStateStore(CapacityStores.EVENTS);
        this.tallies = context.getStateStore(CapacityStores.TALLIES);
        this.waitlists = context.getStateStore(CapacityStores.WAITLISTS);
        this.registrations = context.getStateStore(CapacityStores.REGISTRATIONS);
        this.activeEmails = context.getStateStore(CapacityStores.ACTIVE_EMAILS);
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
        return Optional.ofNullable(waitlists.get(waitlistKey(eventId, sessionId, sequence)));
    }

    @Override
    public void putWaitlistEntry(String eventId, String sessionId, long sequence, String registrationId) {
        waitlists.put(waitlistKey(eventId, sessionId, sequence), registrationId);
    }

    @Override
    public void removeWaitlistEntry(String eventId, String sessionId, long sequence) {
        waitlists.delete(waitlistKey(eventId, sessionId, sequence));
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
        return Optional.ofNullable(activeEmails.get(key(eventId, emailHash)));
    }

    @Override
    public void putActiveRegistration(String eventId, String emailHash, String registrationId) {
        activeEmails.put(key(eventId, emailHash), registrationId);
    }

    @Override
    public void removeActiveRegistration(String eventId, String emailHash) {
        activeEmails.delete(key(eventId, emailHash));
    }

    private static String key(String eventId, String id) {
        return eventId + SEPARATOR + id;
    }

    private static String waitlistKey(String eventId, String sessionId, long sequence) {
        // Zero-padded so that the places of a session sort in FIFO order in the store.
        return key(eventId, sessionId) + SEPARATOR + String.format("%019d", sequence);
    }
}
