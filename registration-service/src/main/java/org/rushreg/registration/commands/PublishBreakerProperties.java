package org.rushreg.registration.commands;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The circuit breaker around publishing commands. While the broker is down every send waits for the producer
 * timeouts (5–8 s); once this many of the recent sends failed, requests are refused at once for {@code openFor},
 * then one request probes the broker again.
 *
 * @param failureRatePercent share of failed sends in the window that opens the breaker
 * @param window             how many recent sends are looked at
 * @param minimumCalls       sends needed in the window before the rate counts
 * @param openFor            how long to refuse without trying, before one probe
 */
@ConfigurationProperties("rushreg.publish-breaker")
record PublishBreakerProperties(float failureRatePercent, int window, int minimumCalls, Duration openFor) {
}
