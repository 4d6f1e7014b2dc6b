package org.rushreg.notification.rendering;

import org.rushreg.messages.tickets.Ticket;
import org.rushreg.messages.tickets.TicketCode;
import org.rushreg.messages.tickets.TicketQr;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ticket an email carries for a registration that holds a seat: its code (TicketCode, the same as the
 * registration-service shows) and the QR code as a PNG to put inline.
 */
public class EmailTickets {

    private static final Logger log = LoggerFactory.getLogger(EmailTickets.class);

    /** 4 pixels a module: about 230 pixels across for a ticket, sharp on a screen without scaling. */
    static final int PIXELS_PER_MODULE = 4;

    private final TicketCode codes;

    /** @param signingKey TICKET_SIGNING_KEY (Ed25519, PKCS#8, base64); empty = a random key for this run */
    public EmailTickets(String signingKey) {
        this.codes = TicketCode.withKeyOrRandom(signingKey);
        if (codes.ephemeral()) {
            // Tickets signed with a key only this process knows fail at check-in and differ from the manage page's.
            log.warn("TICKET_SIGNING_KEY is empty: tickets in emails are signed with a random key for this run only "
                    + "and will not be accepted at check-in; give registration-service and notification-service the "
                    + "same key");
        }
    }

    /** The ticket and its QR code's PNG, {@code pixels} square. */
    public record EmailTicket(Ticket ticket, byte[] png, int pixels) {
    }

    public EmailTicket of(String eventId, String registrationId) {
        Ticket ticket = codes.issue(eventId, registrationId);
        TicketQr qr = TicketQr.of(ticket.code());
        return new EmailTicket(ticket, qr.png(PIXELS_PER_MODULE), qr.size() * PIXELS_PER_MODULE);
    }
}
