package org.rushreg.registration.registrant;

import java.util.List;

/** Where a registration stands, without any personal data (DESIGN §5). */
public record RegistrationStatusView(String registrationId, String eventId, String status,
                                     List<SessionState> sessions, String reason) {

    /**
     * What a duplicate (the address was already registered for the event) shows to whoever has its id: that the
     * request was received and an email sent to the address. Not a decision, and final.
     */
    static final String RECEIVED = "RECEIVED";

    public record SessionState(String sessionId, String status, Integer waitlistPosition) {
    }

    /**
     * The status as the public API and pages show it. Anyone may post any address, so telling a duplicate apart
     * would tell them who is registered (decision 0016); the address's owner learns it from the reminder email, the
     * organiser from the organiser's views, which read the read model, not this.
     */
    RegistrationStatusView forAnyone() {
        if ("REJECTED".equals(status) && "ALREADY_REGISTERED".equals(reason)) {
            return new RegistrationStatusView(registrationId, eventId, RECEIVED, List.of(), null);
        }
        return this;
    }
}
