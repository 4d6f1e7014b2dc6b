package org.rushreg.notification.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How hard to try an SMTP server that does not answer. {@code retry*}: attempts per email with exponential back-off
 * (in the consumer thread, so short); {@code breaker*}: when the failure rate over the last {@code breakerWindow}
 * calls reaches {@code breakerFailureRate} percent, stop calling (and pause consumption) for {@code breakerOpenFor},
 * then let {@code breakerProbes} emails through to test the server; {@code redeliveryDelay}: how long a record that
 * could not be sent waits before it is read again.
 */
@ConfigurationProperties("notification.smtp")
public record SmtpResilienceSettings(int retryAttempts, Duration retryInitialBackoff, double retryMultiplier,
                                     Duration retryMaxBackoff, int breakerWindow, int breakerMinimumCalls,
                                     float breakerFailureRate, Duration breakerOpenFor, int breakerProbes,
                                     Duration redeliveryDelay) {

    public SmtpResilienceSettings {
        retryAttempts = retryAttempts < 1 ? 3 : retryAttempts;
        retryInitialBackoff = retryInitialBackoff == null ? Duration.ofMillis(500) : retryInitialBackoff;
        retryMultiplier = retryMultiplier < 1 ? 2.0 : retryMultiplier;
        retryMaxBackoff = retryMaxBackoff == null ? Duration.ofSeconds(5) : retryMaxBackoff;
        breakerWindow = breakerWindow < 1 ? 20 : breakerWindow;
        breakerMinimumCalls = breakerMinimumCalls < 1 ? 5 : breakerMinimumCalls;
        breakerFailureRate = breakerFailureRate <= 0 || breakerFailureRate > 100 ? 50 : breakerFailureRate;
        breakerOpenFor = breakerOpenFor == null ? Duration.ofSeconds(30) : breakerOpenFor;
        breakerProbes = breakerProbes < 1 ? 3 : breakerProbes;
        redeliveryDelay = redeliveryDelay == null ? Duration.ofSeconds(1) : redeliveryDelay;
    }
}
