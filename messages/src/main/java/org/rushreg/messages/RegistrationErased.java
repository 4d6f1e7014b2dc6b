package org.rushreg.messages;

import java.time.Instant;
import java.util.List;

/**
 * The capacity service has cancelled the registration's seats (its {@link RegistrationCancelled} comes first, on the
 * same key) and forgotten whose it was: every reader now forgets the person behind it and confirms the erasure
 * {@code erasureId} on {@link Topics#ERASURE_CONFIRMATIONS} (decision 0027). {@code sessions} is empty.
 */
public record RegistrationErased(String messageId, Instant createdAt, int schemaVersion, String registrationId,
                                 String eventId, String erasureId, List<SessionOutcome> sessions)
        implements RegistrationOutcome {

    public RegistrationErased {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }
}
