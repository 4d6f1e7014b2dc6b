package org.rushreg.registration.tickets;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param ticketSigningKey Ed25519 private key (PKCS#8, base64) shared with notification-service; empty means a random
 *                         key per start
 */
@ConfigurationProperties("rushreg")
record TicketProperties(String ticketSigningKey) {
}
