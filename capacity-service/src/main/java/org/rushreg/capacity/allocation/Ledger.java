package org.rushreg.capacity.allocation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.rushreg.messages.EventDefinition;

/**
 * The state the allocation rules read and write, as small independent entries, all within one event. An
 * implementation stores them wherever it likes (a map in tests, Kafka Streams state stores in the service).
 */
public interface Ledger {

    Optional<EventDefinition> event(String eventId);

    void putEvent(String eventId, EventDefinition event);

    /** The counters of a session; {@link SessionTally#EMPTY} when the session has none yet. */
    SessionTally tally(String eventId, String sessionId);

    void putTally(String eventId, String sessionId, SessionTally tally);

    /** The registration waiting at a place of a session's waitlist; empty when that place was given up. */
    Optional<String> waitlistEntry(String eventId, String sessionId, long sequence);

    void putWaitlistEntry(String eventId, String sessionId, long sequence, String registrationId);

    void removeWaitlistEntry(String eventId, String sessionId, long sequence);

    Optional<RegistrationRecord> registration(String eventId, String registrationId);

    void putRegistration(String eventId, RegistrationRecord registration);

    /** The active registration of the person whose normalised email has this hash. */
    Optional<String> activeRegistrationOf(String eventId, String emailHash);

    void putActiveRegistration(String eventId, String emailHash, String registrationId);

    void removeActiveRegistration(String eventId, String emailHash);

    /** What the doors have seen of a registration; empty before its first scan. */
    Optional<Attendance> attendance(String eventId, String registrationId);

    void putAttendance(String eventId, String registrationId, Attendance attendance);

    /** Remembers that a registration holds its seats until {@code heldUntil} (decision 0030). */
    void putHold(Hold hold);

    void removeHold(String eventId, String registrationId);

    /**
     * The holds whose deadline is at or before {@code now}, earliest first, across every event this ledger keeps:
     * what the clock has to expire.
     */
    List<Hold> holdsDue(Instant now);

    /** True while any registration of any event this ledger keeps holds seats: whether the hold clock has work. */
    boolean hasHolds();

    /**
     * Every registration record of an event, in the order of their ids. Reads them all: only for the rare commands
     * about a whole session (the no-show release, decision 0029), never on a registration's path.
     */
    List<RegistrationRecord> registrations(String eventId);
}
