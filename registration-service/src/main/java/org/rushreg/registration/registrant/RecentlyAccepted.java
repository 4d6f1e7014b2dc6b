package org.rushreg.registration.registrant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The registrations this instance accepted in the last minute, so that a status read right after the 202 answers
 * PENDING although the read model (built from the topics, off the request path) may not have the row yet. Another
 * instance does not know them; it sees the row once the read model has it, typically within a fraction of a
 * second (decision 0013).
 */
@Component
class RecentlyAccepted {

    static final Duration KEPT_FOR = Duration.ofMinutes(1);
    private static final int SWEEP_EVERY = 1024;

    private record Entry(String eventId, List<String> sessionIds, Instant acceptedAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicInteger sinceSweep = new AtomicInteger();
    private final Clock clock;

    RecentlyAccepted(Clock clock) {
        this.clock = clock;
    }

    void remember(String registrationId, String eventId, List<String> sessionIds) {
        entries.put(registrationId, new Entry(eventId, List.copyOf(sessionIds), clock.instant()));
        if (sinceSweep.incrementAndGet() >= SWEEP_EVERY) {
            sinceSweep.set(0);
            Instant oldest = clock.instant().minus(KEPT_FOR);
            entries.values().removeIf(entry -> entry.acceptedAt().isBefore(oldest));
        }
    }

    /** A PENDING status for a registration accepted here within the last minute. */
    Optional<RegistrationStatusView> pending(String registrationId) {
        Entry entry = entries.get(registrationId);
        if (entry == null || entry.acceptedAt().isBefore(clock.instant().minus(KEPT_FOR))) {
            return Optional.empty();
        }
        List<RegistrationStatusView.SessionState> sessions = entry.sessionIds().stream()
                .map(id -> new RegistrationStatusView.SessionState(id, "PENDING", null)).toList();
        return Optional.of(new RegistrationStatusView(registrationId, entry.eventId(), "PENDING", sessions, null));
    }
}
