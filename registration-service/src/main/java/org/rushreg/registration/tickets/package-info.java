/**
 * Tickets: the signed code of a registration that holds a seat (the shared module's TicketCode, with the key from
 * TICKET_SIGNING_KEY), its QR code, the printable PDF, and the public key check-in devices verify codes with. Which
 * registration gets a ticket is the registrant package's call: it owns the registrations (docs/decisions/0021).
 */
package org.rushreg.registration.tickets;
