package org.rushreg.registration.commands;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The circuit breaker around publishing commands. While the broker is down every send waits for the producer
 * timeouts (5–8 s); once this many of the recent sends failed, requests are refused at once for {@code openFor},
 * then one request probes the broker again. Besides, {@link BrokerWatch} holds the breaker open while the broker
 * does not answer a check, so that most requests never wait for a send to time out.
 *
 * @param failureRatePercent share of failed sends in the window that opens the breaker
 * @param window             how many recent sends are looked at
 * @param minimumCalls       sends needed in the window before the rate counts
 * @param openFor            how long to refuse without trying, before one probe
 * @param brokerCheckEvery   how often the broker is asked whether it is there (0 = never; then only failed
 *                           sends open the breaker)
 * @param brokerCheckTimeout how long the broker may take to answer that question
 */
@ConfigurationProperties("rushreg.publish-breaker")
record PublishBreakerProperties(float failureRatePercent, int window, int minimumCalls, Duration openFor,
                                Duration brokerCheckEvery, Duration brokerCheckTimeout) {
}
