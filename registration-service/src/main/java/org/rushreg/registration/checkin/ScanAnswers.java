package org.rushreg.registration.checkin;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.rushreg.registration.readmodel.RegistrationChanged;
import org.rushreg.registration.readmodel.RegistrationChanges.RegistrationChangesMissed;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Wakes the check-in requests waiting for a registration's scan to be decided: the read model announces every
 * registration it recorded a scan of, on whichever instance applied it (decision 0018), and each waiting request
 * then reads its scan again. A request registers before it reads, so an announcement between its read and its wait
 * is not lost.
 */
@Component
class ScanAnswers {

    private final Map<String, Set<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();

    /** Completes at the next announcement of the registration; {@link #forget} it when done. */
    CompletableFuture<Void> next(String registrationId) {
        CompletableFuture<Void> signal = new CompletableFuture<>();
        waiting.computeIfAbsent(registrationId, id -> ConcurrentHashMap.newKeySet()).add(signal);
        return signal;
    }

    void forget(String registrationId, CompletableFuture<Void> signal) {
        waiting.computeIfPresent(registrationId, (id, signals) -> {
            signals.remove(signal);
            return signals.isEmpty() ? null : signals;
        });
    }

    @EventListener
    void changed(RegistrationChanged change) {
        Set<CompletableFuture<Void>> signals = waiting.get(change.registrationId());
        if (signals != null) {
            signals.forEach(signal -> signal.complete(null));
        }
    }

    /** Announcements may have been missed: every waiting request reads again. */
    @EventListener
    void missed(RegistrationChangesMissed missed) {
        waiting.values().forEach(signals -> signals.forEach(signal -> signal.complete(null)));
    }
}
