package org.rushreg.registration.organiser.login;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How failed organiser logins are throttled.
 *
 * @param maxFailuresPerAddress failed logins from one client (IPv4 address, IPv6 /64) that lock it out
 * @param maxFailuresPerAccount failed logins for one account, from anywhere, that lock the account
 * @param lockFor               how long a lock lasts; failures older than this are forgotten
 */
@ConfigurationProperties("rushreg.login")
public record LoginProperties(int maxFailuresPerAddress, int maxFailuresPerAccount, Duration lockFor) {

    public LoginProperties {
        if (maxFailuresPerAddress < 1 || maxFailuresPerAccount < 1) {
            throw new IllegalArgumentException("LOGIN_MAX_FAILURES_PER_ADDRESS and LOGIN_MAX_FAILURES_PER_ACCOUNT "
                    + "must be at least 1");
        }
        if (lockFor == null || lockFor.isNegative() || lockFor.isZero()) {
            throw new IllegalArgumentException("LOGIN_LOCK_FOR must be a positive duration such as 15m");
        }
    }
}
