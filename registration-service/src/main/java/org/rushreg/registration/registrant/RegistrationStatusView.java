package org.rushreg.registration.registrant;

import java.util.List;

/** Where a registration stands, without any personal data (DESIGN §5). */
public record RegistrationStatusView(String registrationId, String eventId, String status,
                                     List<SessionState> sessions, String reason) {

    /**
     * What a duplicate (the address was already registered for the event) shows to whoever has its id when
     * duplicates are hidden: that the request was received and an email sent to the address. Not a decision, and
     * final.
     */
    static final String RECEIVED = "RECEIVED";

    public record SessionState(String sessionId, String status, Integer waitlistPosition) {
    }

    /**
     * The status as the public API and pages show it. DESIGN §5's answer is the read model's: a duplicate is
     * REJECTED with ALREADY_REGISTERED. With {@code hideDuplicates} (PUBLIC_STATUS_HIDES_DUPLICATES) a duplicate
     * shows only as RECEIVED, with no sessions or reason; the owner learns it from the reminder email, the organiser
     * from the organiser's views, which read the read model, not this (decision 0016).
     *
     * <p>Where the event requires email verification ({@code eventVerifiesEmail}), whatever is not yet the decision
     * of a verified address — a hold, a refusal (a duplicate or a full event), a hold that expired — shows as
     * RECEIVED alike: anyone may post someone else's address, and told apart these would say whether that person
     * had registered. The person learns the rest from the email, and sees it here once they followed its link
     * (decision 0035).
     */
    public RegistrationStatusView forAnyone(boolean hideDuplicates, boolean eventVerifiesEmail) {
        boolean duplicate = "REJECTED".equals(status) && "ALREADY_REGISTERED".equals(reason);
        boolean unverified = "HELD".equals(status) || "REJECTED".equals(status)
                || "CANCELLED".equals(status) && "HOLD_EXPIRED".equals(reason);
        if (hideDuplicates && duplicate || eventVerifiesEmail && unverified) {
            return new RegistrationStatusView(registrationId, eventId, RECEIVED, List.of(), null);
        }
        return this;
    }
}
