package org.rushreg.registration.registrant;

import java.util.List;

/** Where a registration stands, without any personal data (DESIGN §5). */
public record RegistrationStatusView(String registrationId, String eventId, String status,
                                     List<SessionState> sessions, String reason) {

    public record SessionState(String sessionId, String status, Integer waitlistPosition) {
    }
}
