package org.rushreg.notification.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long a kept SMTP connection is used: for at most {@code messagesPerConnection} emails (some servers limit the
 * messages of one session) and not after it sat unused for {@code maxIdle} (servers close idle sessions, and
 * finding that out on the next email costs a failed attempt).
 */
@ConfigurationProperties("notification.smtp.connection")
record SmtpConnectionSettings(int messagesPerConnection, Duration maxIdle) {

    public SmtpConnectionSettings {
        messagesPerConnection = messagesPerConnection < 1 ? 100 : messagesPerConnection;
        maxIdle = maxIdle == null || maxIdle.isNegative() ? Duration.ofSeconds(30) : maxIdle;
    }
}
