package org.rushreg.registration.organiser.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rushreg.registration.TestClock;

class LoginThrottleTest {

    private final TestClock clock = TestClock.frozen();
    private final List<String> audit = new ArrayList<>();
    private final LoginThrottle throttle = new LoginThrottle(new LoginProperties(5, 8, Duration.ofMinutes(15)), clock,
            (account, locked, detail) -> audit.add((locked ? "locked " : "unlocked ") + account));

    /** Fails once the attempt may be made, as a patient attacker would, and returns the wait it had to sit out. */
    private Duration failWhenAllowed(String account, String client) {
        Duration waited = throttle.waitBefore(account, client);
        clock.advance(waited);
        assertThat(throttle.waitBefore(account, client)).isZero();
        throttle.failed(account, client);
        return waited;
    }

    @Test
    void afterTwoFreeFailuresEachSlowsTheNextAttemptThenTheLimitLocksTheClient() {
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waits.add(failWhenAllowed("organiser", "192.0.2.1"));
        }
        assertThat(waits).containsExactly(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1),
                Duration.ofSeconds(2));
        assertThat(throttle.waitBefore("organiser", "192.0.2.1")).isEqualTo(Duration.ofMinutes(15));
        assertThat(throttle.waitBefore(null, "192.0.2.1")).isEqualTo(Duration.ofMinutes(15));
        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.waitBefore("organiser", "192.0.2.1")).isZero();
    }

    @Test
    void failuresForOneAccountFromManyClientsLockTheAccount() {
        for (int i = 0; i < 8; i++) {
            failWhenAllowed("organiser", "192.0.2." + i);
        }
        assertThat(throttle.waitBefore("organiser", "198.51.100.7")).isEqualTo(Duration.ofMinutes(15));
        assertThat(throttle.waitBefore("viewer", "198.51.100.7")).isZero();
        assertThat(audit).containsExactly("locked organiser");
        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.waitBefore("organiser", "198.51.100.7")).isZero();
        assertThat(audit).containsExactly("locked organiser", "unlocked organiser");
    }

    @Test
    void unknownNamesCountAgainstTheClientOnly() {
        for (int i = 0; i < 5; i++) {
            failWhenAllowed(null, "192.0.2.9");
        }
        assertThat(throttle.waitBefore("organiser", "192.0.2.9")).isEqualTo(Duration.ofMinutes(15));
        assertThat(throttle.waitBefore("organiser", "192.0.2.10")).isZero();
        assertThat(audit).isEmpty();
    }

    @Test
    void aSuccessStartsAfreshAndOldFailuresAreForgotten() {
        for (int i = 0; i < 4; i++) {
            failWhenAllowed("organiser", "192.0.2.20");
        }
        clock.advance(Duration.ofSeconds(2));
        throttle.succeeded("organiser", "192.0.2.20");
        for (int i = 0; i < 3; i++) {
            assertThat(failWhenAllowed("organiser", "192.0.2.20")).isZero();
        }
        assertThat(throttle.waitBefore("organiser", "192.0.2.20")).isEqualTo(Duration.ofSeconds(1));

        clock.advance(Duration.ofMinutes(16));
        for (int i = 0; i < 4; i++) {
            failWhenAllowed("organiser", "192.0.2.20");
        }
        assertThat(throttle.waitBefore("organiser", "192.0.2.20")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theSlowDownStaysUnderAMinuteBeforeTheLock() {
        LoginThrottle patient = new LoginThrottle(new LoginProperties(100, 100, Duration.ofHours(1)), clock,
                (account, locked, detail) -> { });
        for (int i = 0; i < 20; i++) {
            clock.advance(patient.waitBefore("organiser", "192.0.2.30"));
            patient.failed("organiser", "192.0.2.30");
        }
        assertThat(patient.waitBefore("organiser", "192.0.2.30")).isEqualTo(LoginThrottle.MAX_SLOW_DOWN);
    }
}
