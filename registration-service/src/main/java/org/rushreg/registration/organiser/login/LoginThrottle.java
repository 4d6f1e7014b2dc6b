package org.rushreg.registration.organiser.login;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed logins per account and per client. After {@value #FREE_FAILURES} failures (a typo or two costs nothing)
 * each one makes the next attempt wait (1 s, 2 s, 4 s, … at most {@link #MAX_SLOW_DOWN}); the failure that reaches
 * the limit locks for {@code lockFor}. An attempt that must wait
 * is refused before any password check. A successful login clears its account's and client's count; failures are
 * forgotten {@code lockFor} after the last one. Every lock and unlock is written to the log and to the
 * {@link LockAudit} (account locks); an unlock when the first attempt after the lock finds it over.
 *
 * <p>Only known accounts are counted per account (unknown names count against the client only), so made-up names
 * cannot fill the memory; clients are held in a bounded cache.
 */
public class LoginThrottle {

    static final int FREE_FAILURES = 2;
    static final Duration MAX_SLOW_DOWN = Duration.ofMinutes(1);

    private static final int MAX_CLIENTS = 20_000;

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    /** Where account locks and unlocks are recorded for the organisers (the audit log). */
    @FunctionalInterface
    public interface LockAudit {
        void record(String account, boolean locked, String detail);
    }

    private record Failures(int count, Instant last, Instant waitUntil, boolean locked) {
    }

    private final LoginProperties settings;
    private final Clock clock;
    private final LockAudit audit;
    private final Cache<String, Failures> accounts;
    private final Cache<String, Failures> clients;

    public LoginThrottle(LoginProperties settings, Clock clock, LockAudit audit) {
        this.settings = settings;
        this.clock = clock;
        this.audit = audit;
        this.accounts = cache(1_000);
        this.clients = cache(MAX_CLIENTS);
    }

    private Cache<String, Failures> cache(int size) {
        // Entries live a little longer than the lock, so that its end can still be noticed and logged.
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        return Caffeine.newBuilder().maximumSize(size).expireAfterWrite(settings.lockFor().multipliedBy(2))
                .ticker(ticker).executor(Runnable::run).build();
    }

    /**
     * How long an attempt for this account (null: not a known one) from this client must wait before it may be
     * checked; {@link Duration#ZERO} if it may be checked now.
     */
    public Duration waitBefore(String account, String client) {
        Instant now = clock.instant();
        Duration accountWait = account == null ? Duration.ZERO : waitOf(accounts, account, now, true);
        Duration clientWait = waitOf(clients, client, now, false);
        return accountWait.compareTo(clientWait) >= 0 ? accountWait : clientWait;
    }

    /** The wait of one account ({@code isAccount}, audited) or client, noticing the end of a lock. */
    private Duration waitOf(Cache<String, Failures> cache, String key, Instant now, boolean isAccount) {
        Failures failures = cache.getIfPresent(key);
        if (failures == null) {
            return Duration.ZERO;
        }
        if (now.isBefore(failures.waitUntil())) {
            return Duration.between(now, failures.waitUntil());
        }
        if (failures.locked()) {
            // The lock is over: the count starts afresh.
            cache.invalidate(key);
            if (isAccount) {
                log.info("Organiser login: account '{}' is unlocked again (its lock of {} is over)", key,
                        settings.lockFor());
                recordQuietly(key, false, "lock over");
            } else {
                log.info("Organiser login: a client address is unlocked again (its lock of {} is over)",
                        settings.lockFor());
            }
        }
        return Duration.ZERO;
    }

    /** A failed login: the password was wrong, or the account (null) does not exist. */
    public void failed(String account, String client) {
        Instant now = clock.instant();
        if (account != null) {
            Failures after = count(accounts, account, now, settings.maxFailuresPerAccount());
            if (after.locked()) {
                log.warn("Organiser login: account '{}' locked for {} after {} failed logins", account,
                        settings.lockFor(), after.count());
                recordQuietly(account, true, after.count() + " failed logins; locked for " + settings.lockFor());
            }
        }
        Failures after = count(clients, client, now, settings.maxFailuresPerAddress());
        if (after.locked()) {
            log.warn("Organiser login: a client address locked for {} after {} failed logins", settings.lockFor(),
                    after.count());
        }
    }

    private Failures count(Cache<String, Failures> cache, String key, Instant now, int limit) {
        return cache.asMap().compute(key, (k, before) -> {
            int count = before == null || before.last().plus(settings.lockFor()).isBefore(now) ? 1
                    : before.count() + 1;
            if (count >= limit) {
                return new Failures(count, now, now.plus(settings.lockFor()), true);
            }
            Duration slowDown = count <= FREE_FAILURES ? Duration.ZERO
                    : Duration.ofSeconds(1L << Math.min(count - FREE_FAILURES - 1, 30));
            return new Failures(count, now, now.plus(slowDown.compareTo(MAX_SLOW_DOWN) < 0 ? slowDown
                    : MAX_SLOW_DOWN), false);
        });
    }

    /** A successful login: the account and the client start afresh. */
    public void succeeded(String account, String client) {
        accounts.invalidate(account);
        clients.invalidate(client);
    }

    private void recordQuietly(String account, boolean locked, String detail) {
        try {
            audit.record(account, locked, detail);
        } catch (RuntimeException e) {
            // The lock works without its audit entry; a login must not fail because the database does.
            log.warn("Organiser login: the {} of account '{}' could not be written to the audit log ({})",
                    locked ? "lock" : "unlock", account, e.toString());
        }
    }
}
