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
 *
 * <p>It also knows, for that minute, which request body first used an {@code Idempotency-Key} here, so that the
 * same key with another body is refused at once (422) without a database round trip (decision 0041).
 */
@Component
class RecentlyAccepted {

    static final Duration KEPT_FOR = Duration.ofMinutes(1);
    private static final int SWEEP_EVERY = 1024;

    private record Entry(String eventId, List<String> sessionIds, String fingerprint, Instant acceptedAt) {
    }

    /** Whether the first use of an {@code Idempotency-Key} here was a request with another body. */
    enum Use { FIRST, REPEAT, OTHER_BODY }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicInteger sinceSweep = new AtomicInteger();
    private final Clock clock;

    RecentlyAccepted(Clock clock) {
        this.clock = clock;
    }

    void remember(String registrationId, String eventId, List<String> sessionIds) {
        entries.put(registrationId, new Entry(eventId, List.copyOf(sessionIds), null, clock.instant()));
        sweepNowAndThen();
    }

    /**
     * Records a request with an {@code Idempotency-Key} (whose registration id derives from the key) before its
     * command is sent: atomically, so that two requests with the same key here cannot both count as the first.
     * A first use that is {@link #forget forgotten} after a failed send leaves the key unused.
     */
    Use claim(String registrationId, String eventId, List<String> sessionIds, String fingerprint) {
        Instant now = clock.instant();
        Use[] use = {Use.FIRST};
        entries.compute(registrationId, (id, earlier) -> {
            if (earlier == null || earlier.acceptedAt().isBefore(now.minus(KEPT_FOR))) {
                return new Entry(eventId, List.copyOf(sessionIds), fingerprint, now);
            }
            use[0] = fingerprint.equals(earlier.fingerprint()) ? Use.REPEAT : Use.OTHER_BODY;
            return earlier;
        });
        sweepNowAndThen();
        return use[0];
    }

    /** The first use of a key whose command never reached the broker: a retry may use the key afresh. */
    void forget(String registrationId) {
        entries.remove(registrationId);
    }

    private void sweepNowAndThen() {
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
