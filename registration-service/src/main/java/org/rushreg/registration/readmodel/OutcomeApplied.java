package org.rushreg.registration.readmodel;

import java.time.Instant;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationHeld;
import org.rushreg.messages.RegistrationHoldExpired;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.RegistrationPromoted;
import org.rushreg.messages.SessionCancelledByOrganiser;
import org.rushreg.messages.SessionsChanged;

/**
 * The read model applied an outcome of a registration. {@code first} is false when the same outcome (same message
 * id) had been applied before, as after a redelivery, so counters count each outcome once. Published inside the
 * projection's transaction; listen after commit (one event per outcome, also when a poll held many).
 */
public record OutcomeApplied(RegistrationOutcome outcome, boolean first, Instant appliedAt) {

    /**
     * CONFIRMED, WAITLISTED or REJECTED for a decision; HELD for a hold for email verification, HOLD_EXPIRED for its
     * end; PROMOTED, CANCELLED, SESSIONS_CHANGED or SESSION_CANCELLED_BY_ORGANISER otherwise.
     */
    public String kind() {
        return kindOf(outcome);
    }

    static String kindOf(RegistrationOutcome outcome) {
        if (outcome instanceof RegistrationDecided d) {
            return String.valueOf(d.status());
        }
        if (outcome instanceof SessionsChanged) {
            return "SESSIONS_CHANGED";
        }
        if (outcome instanceof SessionCancelledByOrganiser) {
            return "SESSION_CANCELLED_BY_ORGANISER";
        }
        if (outcome instanceof RegistrationHeld) {
            return "HELD";
        }
        if (outcome instanceof RegistrationHoldExpired) {
            return "HOLD_EXPIRED";
        }
        return outcome instanceof RegistrationPromoted ? "PROMOTED" : "CANCELLED";
    }

    /** Why a registration or a change of its sessions was refused; null otherwise. */
    static String reasonOf(RegistrationOutcome outcome) {
        return outcome instanceof RegistrationDecided d && d.reason() != null ? d.reason().name()
                : outcome instanceof SessionsChanged c && c.reason() != null ? c.reason().name() : null;
    }
}
