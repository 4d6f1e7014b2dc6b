package org.rushreg.capacity.allocation;

import java.time.Instant;
import java.util.List;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.RejectionReason;
import org.rushreg.messages.SessionStatus;

/**
 * What the capacity service remembers of a decided registration: no personal data, only the hash of the
 * normalised email. Rejected registrations are remembered too, so that a redelivered command is never decided a
 * second time. {@code changeIds} are the message ids of the {@code ChangeSessions} and {@code SendOrganiserMessage}
 * commands already answered, so that a repeated change or message is answered once. {@code cancelledAt} is when a CANCELLED registration's cancellation was
 * decided (null for records cancelled before it was kept): a ticket scanned before that moment but arriving after
 * it is a conflict for the organisers to see. {@code heldUntil} is set while an active registration of an event that
 * requires email verification only holds its seats (decision 0030): the deadline of the hold, so that holds and their
 * deadlines are rebuilt with the records after a restart.
 */
public record RegistrationRecord(String registrationId, RegistrationStatus status, RejectionReason reason,
                                 String emailHash, List<Seat> sessions, List<String> changeIds, Instant cancelledAt,
                                 Instant heldUntil) {

    public RegistrationRecord {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
        changeIds = changeIds == null ? List.of() : List.copyOf(changeIds);
    }

    public RegistrationRecord(String registrationId, RegistrationStatus status, RejectionReason reason,
                              String emailHash, List<Seat> sessions, List<String> changeIds, Instant cancelledAt) {
        this(registrationId, status, reason, emailHash, sessions, changeIds, cancelledAt, null);
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
        return new RegistrationRecord(registrationId, status, reason, emailHash, sessions, answered, cancelledAt,
                heldUntil);
    }

    /** The same registration holding {@code newSeats} now, with the overall {@code newStatus} they give. */
    RegistrationRecord withSeats(RegistrationStatus newStatus, List<Seat> newSeats) {
        return new RegistrationRecord(registrationId, newStatus, null, emailHash, newSeats, changeIds, cancelledAt,
                heldUntil);
    }

    /** The same registration giving back everything at {@code at}: each seat CANCELLED, no hold left. */
    RegistrationRecord cancelled(Instant at) {
        List<Seat> none = sessions.stream().map(seat -> new Seat(seat.sessionId(), SessionStatus.CANCELLED, null))
                .toList();
        return new RegistrationRecord(registrationId, RegistrationStatus.CANCELLED, null, emailHash, none, changeIds,
                at, null);
    }

    /** The same registration, its email verified: what it holds is now its decision. */
    RegistrationRecord verified() {
        return new RegistrationRecord(registrationId, status, reason, emailHash, sessions, changeIds, cancelledAt,
                null);
    }

    /** The same record without the email digest: the person behind it erased (decision 0027). */
    RegistrationRecord withoutEmailHash() {
        return new RegistrationRecord(registrationId, status, reason, null, sessions, changeIds, cancelledAt,
                heldUntil);
    }

    /** Active, but only holding its seats until its email is verified (decision 0030). */
    public boolean held() {
        return active() && heldUntil != null;
    }

    /** CONFIRMED or WAITLISTED: holds seats or waitlist places, and its email hash. */
    public boolean active() {
        return status == RegistrationStatus.CONFIRMED || status == RegistrationStatus.WAITLISTED;
    }
}
