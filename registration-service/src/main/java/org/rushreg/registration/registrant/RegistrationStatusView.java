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
     * shows only as RECEIVED, with no sessions or reason (a protection only together with email verification); the
     * owner learns it from the reminder email, the organiser from the organiser's views, which read the read model,
     * not this (decision 0016).
     */
    public RegistrationStatusView forAnyone(boolean hideDuplicates) {
        if (hideDuplicates && "REJECTED".equals(status) && "ALREADY_REGISTERED".equals(reason)) {
            return new RegistrationStatusView(registrationId, eventId, RECEIVED, List.of(), null);
        }
        return this;
    }
}
