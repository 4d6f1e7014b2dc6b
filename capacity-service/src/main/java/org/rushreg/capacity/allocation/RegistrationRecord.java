package org.rushreg.capacity.allocation;

import java.time.Instant;
import java.util.List;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.RejectionReason;
import org.rushreg.messages.SessionStatus;

/**
 * What the capacity service remembers of a decided registration: no personal data, only the hash of the
 * normalised email. Rejected registrations are remembered too, so that a redelivered command is never decided a
 * second time. {@code changeIds} are the message ids of the {@code ChangeSessions} commands already answered, so
 * that a repeated change is answered once. {@code cancelledAt} is when a CANCELLED registration's cancellation was
 * decided (null for records cancelled before it was kept): a ticket scanned before that moment but arriving after
 * it is a conflict for the organisers to see.
 */
public record RegistrationRecord(String registrationId, RegistrationStatus status, RejectionReason reason,
                                 String emailHash, List<Seat> sessions, List<String> changeIds, Instant cancelledAt) {

    public RegistrationRecord {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
        changeIds = changeIds == null ? List.of() : List.copyOf(changeIds);
    }

    public RegistrationRecord(String registrationId, RegistrationStatus status, RejectionReason reason,
                              String emailHash, List<Seat> sessions, List<String> changeIds) {
        this(registrationId, status, reason, emailHash, sessions, changeIds, null);
    }

    public RegistrationRecord(String registrationId, RegistrationStatus status, RejectionReason reason,
                              String emailHash, List<Seat> sessions) {
        this(registrationId, status, reason, emailHash, sessions, List.of());
    }

    /** One asked-for session; {@code waitlistPlace} is the place in the session's waitlist when WAITLISTED. */
    public record Seat(String sessionId, SessionStatus status, Long waitlistPlace) {
    }

    RegistrationRecord withChangeAnswered(String changeId) {
        List<String> answered = new java.util.ArrayList<>(changeIds);
        answered.add(changeId);
        return new RegistrationRecord(registrationId, status, reason, emailHash, sessions, answered, cancelledAt);
    }

    /** The same record without the email digest: the person behind it erased (decision 0027). */
    RegistrationRecord withoutEmailHash() {
        return new RegistrationRecord(registrationId, status, reason, null, sessions, changeIds, cancelledAt);
    }

    /** CONFIRMED or WAITLISTED: holds seats or waitlist places, and its email hash. */
    public boolean active() {
        return status == RegistrationStatus.CONFIRMED || status == RegistrationStatus.WAITLISTED;
    }
}
