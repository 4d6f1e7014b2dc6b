package org.rushreg.capacity.allocation;

import java.util.Optional;
import org.rushreg.messages.EventDefinition;

/** Counts every ledger access, to show that a command touches only a few entries. */
final class CountingLedger implements Ledger {

    private final Ledger delegate;
    private int calls;

    CountingLedger(Ledger delegate) {
        this.delegate = delegate;
    }

    int calls() {
        return calls;
    }

    void reset() {
        calls = 0;
    }

    @Override
    public Optional<EventDefinition> event(String eventId) {
        calls++;
        return delegate.event(eventId);
    }

    @Override
    public void putEvent(String eventId, EventDefinition event) {
        calls++;
        delegate.putEvent(eventId, event);
    }

    @Override
    public SessionTally tally(String eventId, String sessionId) {
        calls++;
        return delegate.tally(eventId, sessionId);
    }

    @Override
    public void putTally(String eventId, String sessionId, SessionTally tally) {
        calls++;
        delegate.putTally(eventId, sessionId, tally);
    }

    @Override
    public Optional<String> waitlistEntry(String eventId, String sessionId, long sequence) {
        calls++;
        return delegate.waitlistEntry(eventId, sessionId, sequence);
    }

    @Override
    public void putWaitlistEntry(String eventId, String sessionId, long sequence, String registrationId) {
        calls++;
        delegate.putWaitlistEntry(eventId, sessionId, sequence, registrationId);
    }

    @Override
    public void removeWaitlistEntry(String eventId, String sessionId, long sequence) {
        calls++;
        delegate.removeWaitlistEntry(eventId, sessionId, sequence);
    }

    @Override
    public Optional<RegistrationRecord> registration(String eventId, String registrationId) {
        calls++;
        return delegate.registration(eventId, registrationId);
    }

    @Override
    public void putRegistration(String eventId, RegistrationRecord registration) {
        calls++;
        delegate.putRegistration(eventId, registration);
    }

    @Override
    public Optional<String> activeRegistrationOf(String eventId, String emailHash) {
        calls++;
        return delegate.activeRegistrationOf(eventId, emailHash);
    }

    @Override
    public void putActiveRegistration(String eventId, String emailHash, String registrationId) {
        calls++;
        delegate.putActiveRegistration(eventId, emailHash, registrationId);
    }

    @Override
    public void removeActiveRegistration(String eventId, String emailHash) {
        calls++;
        delegate.removeActiveRegistration(eventId, emailHash);
    }

    @Override
    public java.util.Optional<Attendance> attendance(String eventId, String registrationId) {
        calls++;
        return delegate.attendance(eventId, registrationId);
    }

    @Override
    public void putAttendance(String eventId, String registrationId, Attendance attendance) {
        calls++;
        delegate.putAttendance(eventId, registrationId, attendance);
    }

    @Override
    public void putHold(Hold hold) {
        calls++;
        delegate.putHold(hold);
    }

    @Override
    public void removeHold(String eventId, String registrationId) {
        calls++;
        delegate.removeHold(eventId, registrationId);
    }

    @Override
    public java.util.List<Hold> holdsDue(java.time.Instant now) {
        calls++;
        return delegate.holdsDue(now);
    }

    @Override
    public boolean hasHolds() {
        return delegate.hasHolds();
    }

    @Override
    public java.util.List<RegistrationRecord> registrations(String eventId) {
        return delegate.registrations(eventId);
    }
}
