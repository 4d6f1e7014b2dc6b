package org.rushreg.registration.registrant;

import java.util.Locale;
import org.rushreg.messages.tickets.Ticket;
import org.rushreg.registration.tickets.TicketPdf;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The ticket as the manage page offers it: the QR code as an image and the printable PDF, each under the manage
 * link's token (whoever holds the link holds the ticket), never cached (both are personal, the PDF names the
 * attendee).
 */
@Controller
class TicketPages {

    private static final MediaType PDF = MediaType.APPLICATION_PDF;

    private final Registrations registrations;
    private final RegistrationTickets tickets;
    private final TicketPdf pdf;

    TicketPages(Registrations registrations, RegistrationTickets tickets, TicketPdf pdf) {
        this.registrations = registrations;
        this.tickets = tickets;
        this.pdf = pdf;
    }

    @GetMapping("/registrations/{registrationId}/ticket.png")
    ResponseEntity<byte[]> qrCode(@PathVariable String registrationId, @RequestParam(required = false) String token) {
        var managed = registrations.manage(registrationId, token);
        Ticket ticket = tickets.required(managed.registration());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_PNG)
                .body(tickets.qrPng(ticket));
    }

    @GetMapping("/registrations/{registrationId}/ticket.pdf")
    ResponseEntity<byte[]> printable(@PathVariable String registrationId, @RequestParam(required = false) String token,
                                     Locale locale) {
        var managed = registrations.manage(registrationId, token);
        Ticket ticket = tickets.required(managed.registration());
        byte[] document = pdf.render(tickets.sheet(managed.registration(), ticket, managed.registrantName(), locale));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("ticket-" + ticket.shortCode() + ".pdf").build().toString())
                .body(document);
    }
}
