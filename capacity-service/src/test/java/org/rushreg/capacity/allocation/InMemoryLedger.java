package org.rushreg.capacity.allocation;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.rushreg.messages.EventDefinition;

/** The ledger as plain maps, for the rules' tests. */
public final class InMemoryLedger implements Ledger {

    private final Map<String, EventDefinition> events = new HashMap<>();
    private final Map<String, SessionTally> tallies = new HashMap<>();
    private final Map<String, String> waitlists = new HashMap<>();
    private final Map<String, RegistrationRecord> registrations = new HashMap<>();
    private final Map<String, String> activeEmails = new HashMap<>();
    private final Map<String, Attendance> attendance = new HashMap<>();
    private final Map<String, Hold> holds = new HashMap<>();

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
        return tallies.getOrDefault(eventId + "/" + sessionId, SessionTally.EMPTY);
    }

    @Override
    public void putTally(String eventId, String sessionId, SessionTally tally) {
        tallies.put(eventId + "/" + sessionId, tally);
    }

    @Override
    public Optional<String> waitlistEntry(String eventId, String sessionId, long sequence) {
        return Optional.ofNullable(waitlists.get(eventId + "/" + sessionId + "/" + sequence));
    }

    @Override
    public void putWaitlistEntry(String eventId, String sessionId, long sequence, String registrationId) {
        waitlists.put(eventId + "/" + sessionId + "/" + sequence, registrationId);
    }

    @Override
    public void removeWaitlistEntry(String eventId, String sessionId, long sequence) {
        waitlists.remove(eventId + "/" + sessionId + "/" + sequence);
    }

    @Override
    public Optional<RegistrationRecord> registration(String eventId, String registrationId) {
        return Optional.ofNullable(registrations.get(eventId + "/" + registrationId));
    }

    @Override
    public void putRegistration(String eventId, RegistrationRecord registration) {
        registrations.put(eventId + "/" + registration.registrationId(), registration);
    }

    @Override
    public Optional<String> activeRegistrationOf(String eventId, String emailHash) {
        return Optional.ofNullable(activeEmails.get(eventId + "/" + emailHash));
    }

    @Override
    public void putActiveRegistration(String eventId, String emailHash, String registrationId) {
        activeEmails.put(eventId + "/" + emailHash, registrationId);
    }

    @Override
    public void removeActiveRegistration(String eventId, String emailHash) {
        activeEmails.remove(eventId + "/" + emailHash);
    }

    @Override
    public Optional<Attendance> attendance(String eventId, String registrationId) {
        return Optional.ofNullable(attendance.get(eventId + "/" + registrationId));
    }

    @Override
    public void putAttendance(String eventId, String registrationId, Attendance value) {
        attendance.put(eventId + "/" + registrationId, value);
    }

    @Override
    public void putHold(Hold hold) {
        holds.put(hold.eventId() + "/" + hold.registrationId(), hold);
    }

    @Override
    public void removeHold(String eventId, String registrationId) {
        holds.remove(eventId + "/" + registrationId);
    }

    @Override
    public java.util.List<Hold> holdsDue(java.time.Instant now) {
        return holds.values().stream().filter(hold -> !hold.until().isAfter(now)).sorted(Hold.BY_DEADLINE).toList();
    }

    @Override
    public boolean hasHolds() {
        return !holds.isEmpty();
    }

    Map<String, Hold> holds() {
        return holds;
    }

    @Override
    public java.util.List<RegistrationRecord> registrations(String eventId) {
        return registrations.entrySet().stream().filter(e -> e.getKey().startsWith(eventId + "/"))
                .sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
    }

    int storedEntries() {
        return events.size() + tallies.size() + waitlists.size() + registrations.size() + activeEmails.size();
    }

    Map<String, String> activeEmails() {
        return activeEmails;
    }

    Map<String, String> waitlists() {
        return waitlists;
    }

    /**
     * A ledger as a restart finds it: the stored entries (events, counters, registration records, attendance) as
     * their changelogs keep them, and the lookups rebuilt from the records as the service's ledger rebuilds them.
     */
    InMemoryLedger restarted() {
        InMemoryLedger restarted = rebuiltFromRecords();
        restarted.events.putAll(events);
        restarted.tallies.putAll(tallies);
        restarted.attendance.putAll(attendance);
        return restarted;
    }

    /** A ledger holding only this one's registration records, and what {@link RecordIndexes} derives from them. */
    InMemoryLedger rebuiltFromRecords() {
        InMemoryLedger rebuilt = new InMemoryLedger();
        registrations.forEach((key, record) -> {
            rebuilt.registrations.put(key, record);
            RecordIndexes.addTo(rebuilt, key.substring(0, key.indexOf('/')), record);
        });
        return rebuilt;
    }
}
