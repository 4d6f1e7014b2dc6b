package org.rushreg.registration.registrant;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Checks a ticket code against the registration's state now, without admitting anyone: the signature says the code
 * is genuine, the read model whether it still holds a seat. Organisers only (HTTP Basic, /api/organiser/**); scans
 * at the door, recorded and decided by the single writer, are the check-in API's ({@code checkin}).
 */
@RestController
class TicketChecksApi {

    record CheckRequest(String code) {
    }

    record CheckAnswer(RegistrationTickets.CheckResult result, String registrationId, String shortCode,
                       List<String> confirmedSessions) {
    }

    private final RegistrationTickets tickets;

    TicketChecksApi(RegistrationTickets tickets) {
        this.tickets = tickets;
    }

    @PostMapping("/api/organiser/events/{eventId}/tickets/check")
    @Operation(summary = "Check a ticket code",
            description = "VALID (holds a seat now; confirmedSessions lists where), CANCELLED, NOT_CONFIRMED, "
                    + "OTHER_EVENT (a genuine ticket of another event) or UNKNOWN (forged, altered, mistyped). "
                    + "Records nothing.")
    CheckAnswer check(@PathVariable String eventId, @RequestBody CheckRequest request) {
        RegistrationTickets.Check check = tickets.check(eventId, request == null ? null : request.code());
        return new CheckAnswer(check.result(), check.registrationId(), check.shortCode(), check.confirmedSessions());
    }
}
