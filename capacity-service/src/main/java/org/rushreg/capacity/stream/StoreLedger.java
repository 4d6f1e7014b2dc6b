package org.rushreg.capacity.stream;

import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.rushreg.capacity.allocation.Ledger;
import org.rushreg.capacity.allocation.RegistrationRecord;
import org.rushreg.capacity.allocation.SessionTally;
import org.rushreg.messages.EventDefinition;

/** The ledger as five key-value state stores; every key starts with the event id. */
final class StoreLedger implements Ledger {

    /** Separates the parts of a key; cannot occur in ids typed by people. */
    private static final char SEPARATOR = '\u001f';

    private final KeyValueStore<String, EventDefinition> events;
    private final KeyValueStore<String, SessionTally> tallies;
    private final KeyValueStore<String, String> waitlists;
    private final KeyValueStore<String, RegistrationRecord> registrations;
    private final KeyValueStore<String, String> activeEmails;

    StoreLedger(ProcessorContext<?, ?> context) {
        this.events = context.getStateStore(CapacityStores.EVENTS);
        this.tallies = context.getStateStore(CapacityStores.TALLIES);
        this.waitlists = context.getStateStore(CapacityStores.WAITLISTS);
        this.registrations = context.getStateStore(CapacityStores.REGISTRATIONS);
        this.activeEmails = context.getStateStore(CapacityStores.ACTIVE_EMAILS);
    }

    @Override
    public Optional<EventDefinition> event(String eventId) {
        return Optional.ofNullable(events.get(eventId));
    }

    @Override
    public void putEvent(String eventId, EventDefinition event) {
        events.put(eventId, event);
    }

    @Override
    public SessionTally tally(String eventId, String sessionId) {
        SessionTally tally = tallies.get(key(eventId, sessionId));
        return tally == null ? SessionTally.EMPTY : tally;
    }

    @Override
    public void putTally(String eventId, String sessionId, SessionTally tally) {
        tallies.put(key(eventId, sessionId), tally);
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
