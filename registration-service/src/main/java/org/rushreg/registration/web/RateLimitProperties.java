package org.rushreg.registration.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param perClient  registrations one client (IPv4 address, IPv6 /64) may post per period; 0 turns the limit off
 * @param period     the period the allowance refills after
 * @param maxClients how many clients are tracked at most; past it the least active are forgotten
 */
@ConfigurationProperties("rushreg.rate-limit")
record RateLimitProperties(int perClient, Duration period, long maxClients) {
}
