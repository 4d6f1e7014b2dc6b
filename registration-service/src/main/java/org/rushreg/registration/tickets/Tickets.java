package org.rushreg.registration.tickets;

import java.util.Optional;
import org.rushreg.messages.tickets.Ticket;
import org.rushreg.messages.tickets.TicketCode;
import org.rushreg.messages.tickets.TicketQr;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes and checks ticket codes with this service's key: the same codes the notification-service puts in the
 * confirmation emails, as long as both are given the same TICKET_SIGNING_KEY.
 */
@Component
public class Tickets {

    private static final Logger log = LoggerFactory.getLogger(Tickets.class);

    /** 6 pixels a module: about 340 pixels across, crisp on a phone held up to a scanner. */
    static final int PNG_PIXELS_PER_MODULE = 6;

    private final TicketCode codes;

    Tickets(TicketProperties properties) {
        this.codes = TicketCode.withKeyOrRandom(properties.ticketSigningKey());
        if (codes.ephemeral()) {
            log.warn("TICKET_SIGNING_KEY is not set: tickets are signed with a random key for this run only; they "
                    + "differ from the tickets in emails and stop verifying at the next start. Give "
                    + "registration-service and notification-service the same key");
        }
    }

    public Ticket issue(String eventId, String registrationId) {
        return codes.issue(eventId, registrationId);
    }

    /** The ticket a scanned or typed code stands for; empty for a forged, altered or foreign code. */
    public Optional<Ticket> verify(String code) {
        return codes.verify(code);
    }

    /** The key (Ed25519, X.509, base64) a check-in device verifies codes with, without a database. */
    public String publicKey() {
        return codes.publicKey();
    }

    public byte[] qrPng(Ticket ticket) {
        return TicketQr.of(ticket.code()).png(PNG_PIXELS_PER_MODULE);
    }
}
