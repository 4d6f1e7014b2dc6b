package org.rushreg.registration.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param perClient registrations one client address may post per period; 0 turns the limit off
 * @param period    the period the allowance refills after
 */
@ConfigurationProperties("rushreg.rate-limit")
record RateLimitProperties(int perClient, Duration period) {
}
