package org.rushreg.registration.readmodel;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.RegistrationCancelled;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationHeld;
import org.rushreg.messages.RegistrationHoldExpired;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.RegistrationPromoted;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.SessionCancelledByOrganiser;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionsChanged;

/**
 * What the outcomes of one registration in one poll leave behind, so that its row and each session row are written
 * once however many outcomes the poll held: the same end state as applying them one by one. The status and reason
 * are the last outcome's; each session keeps the last state any outcome gave it; a change of sessions that was made
 * drops the sessions the registration had before.
 */
final class RegistrationState {

    /** The reason of a registration whose hold ended unverified (decision 0030). */
    static final String HOLD_EXPIRED = "HOLD_EXPIRED";

    record Session(String registrationId, String sessionId, int position, String status, Integer waitlistPosition) {
    }

    private final String eventId;
    private String registrationId;
    private RegistrationStatus status;
    private String reason;
    private Recipient recipient;
    private Instant requestedAt;
    private Instant decidedAt;
    private boolean sessionsReplaced;
    private Instant heldUntil;
    /** The last outcome was a promotion or change that must not end a hold the row may already be in. */
    private boolean keepsHoldInDatabase;
    private final Map<String, Session> sessions = new LinkedHashMap<>();

    RegistrationState(String eventId) {
        this.eventId = eventId;
    }

    void apply(RegistrationOutcome outcome) {
        registrationId = outcome.registrationId();
        // What the row was before this poll is known only to the database, until an outcome of the poll set it.
        boolean knownBefore = status != null;
        boolean wasHeld = status == RegistrationStatus.HELD;
        // Java 17: no pattern matching for switch yet.
        if (outcome instanceof SessionsChanged changed) {
            // A refused change changes nothing (its reason is in the feed of outcomes, where the manage page finds it).
            if (!changed.applied() || changed.status() == null) {
                return;
            }
            sessionsReplaced = true;
            sessions.clear();
            set(changed.status(), null, outcome.sessions());
        } else if (outcome instanceof RegistrationDecided d) {
            recipient = d.recipient();
            requestedAt = d.requestedAt();
            decidedAt = d.createdAt();
            set(d.status(), d.reason() == null ? null : d.reason().name(), outcome.sessions());
        } else if (outcome instanceof RegistrationHeld h) {
            recipient = h.recipient();
            requestedAt = h.requestedAt();
            heldUntil = h.heldUntil();
            set(RegistrationStatus.HELD, null, outcome.sessions());
        } else if (outcome instanceof RegistrationPromoted p) {
            set(p.status() == null ? RegistrationStatus.CONFIRMED : p.status(), null, outcome.sessions());
        } else if (outcome instanceof RegistrationCancelled) {
            set(RegistrationStatus.CANCELLED, null, outcome.sessions());
        } else if (outcome instanceof SessionCancelledByOrganiser c && c.status() != null) {
            // The cancelled session stays among the registration's sessions, CANCELLED (decision 0036).
            set(c.status(), null, outcome.sessions());
        } else if (outcome instanceof RegistrationHoldExpired) {
            set(RegistrationStatus.CANCELLED, HOLD_EXPIRED, outcome.sessions());
        }
        if (status != null) {
            if (promotionOrChange(outcome) && wasHeld) {
                status = RegistrationStatus.HELD;
            }
            keepsHoldInDatabase = promotionOrChange(outcome) && !knownBefore;
        }
    }

    /**
     * A hold stays a hold through a promotion, a change of sessions or an organiser's cancellation of one of its
     * sessions that leaves it a place; only its decision or its end ends it.
     */
    private static boolean promotionOrChange(RegistrationOutcome outcome) {
        return outcome instanceof RegistrationPromoted || outcome instanceof SessionsChanged
                || outcome instanceof SessionCancelledByOrganiser c && c.status() != RegistrationStatus.CANCELLED;
    }

    private void set(RegistrationStatus status, String reason, List<SessionOutcome> outcomes) {
        this.status = status;
        this.reason = reason;
        for (int i = 0; i < outcomes.size(); i++) {
            SessionOutcome s = outcomes.get(i);
            // A session row keeps the position it was first written with, as the upsert does.
            Session before = sessions.get(s.sessionId());
            sessions.put(s.sessionId(), new Session(registrationId, s.sessionId(), before == null ? i : before.position(),
                    s.status() == null ? RegistrationStatus.PENDING.name() : s.status().name(), s.waitlistPosition()));
        }
    }

    /** False when every outcome in the poll left the registration as it was (refused changes of sessions). */
    boolean changed() {
        return status != null;
    }

    String registrationId() {
        return registrationId;
    }

    String eventId() {
        return eventId;
    }

    RegistrationStatus status() {
        return status;
    }

    String reason() {
        return reason;
    }

    /** Whom the decision in this poll names, for a row the command has not created yet; null without a decision. */
    Recipient recipient() {
        return recipient;
    }

    /** When the registration was accepted, from its decision: the row's created_at until the command says it. */
    Instant requestedAt() {
        return requestedAt;
    }

    Instant decidedAt() {
        return decidedAt;
    }

    /** The end of the hold this poll's {@link RegistrationHeld} set; null without one. */
    Instant heldUntil() {
        return heldUntil;
    }

    /**
     * True when every outcome of this poll that set the status was a promotion or a change of sessions: the row's
     * status before came from an earlier poll, and a row that is HELD stays HELD.
     */
    boolean keepsHold() {
        return keepsHoldInDatabase;
    }

    boolean sessionsReplaced() {
        return sessionsReplaced;
    }

    List<Session> sessions() {
        return List.copyOf(sessions.values());
    }

    /** The outcome in a few words, for the log: no personal data. */
    static String describe(RegistrationOutcome outcome) {
        if (outcome instanceof RegistrationDecided d) {
            return d.status() + (d.reason() == null ? "" : " (" + d.reason() + ")");
        }
        if (outcome instanceof RegistrationPromoted p) {
            return p.status() + " in " + p.sessionId();
        }
        if (outcome instanceof SessionsChanged c) {
            return c.applied() ? c.status() + " with sessions changed" : "change refused (" + c.reason() + ")";
        }
        if (outcome instanceof SessionCancelledByOrganiser c) {
            return c.status() + ", session " + c.session().sessionId() + " cancelled by the organiser";
        }
        if (outcome instanceof RegistrationHeld h) {
            return "HELD (" + h.status() + ") until " + h.heldUntil();
        }
        return outcome instanceof RegistrationHoldExpired ? "CANCELLED (" + HOLD_EXPIRED + ")" : "CANCELLED";
    }
}
