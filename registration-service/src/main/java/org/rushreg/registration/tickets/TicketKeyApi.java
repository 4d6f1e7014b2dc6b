package org.rushreg.registration.tickets;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public half of the ticket key, for check-in devices (and anyone) to verify ticket codes offline. */
@RestController
class TicketKeyApi {

    record PublicKey(String algorithm, String format, String publicKey) {
    }

    private final Tickets tickets;

    TicketKeyApi(Tickets tickets) {
        this.tickets = tickets;
    }

    @GetMapping("/api/tickets/public-key")
    @Operation(summary = "The key ticket codes are verified with",
            description = "Ed25519, X.509 SubjectPublicKeyInfo in base64. A code T1.<eventId>.<registrationId>."
                    + "<signature> is genuine when the base64url signature verifies over "
                    + "'rushreg-ticket-v1|<eventId>|<registrationId>' (UTF-8). Whether it still holds a seat is a "
                    + "question for the current list.")
    PublicKey publicKey() {
        return new PublicKey("Ed25519", "X.509 SubjectPublicKeyInfo, base64", tickets.publicKey());
    }
}
