package org.rushreg.registration.organiser.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rushreg.registration.TestOrganisers.ORGANISER;
import static org.rushreg.registration.TestOrganisers.ORGANISER_PASSWORD;
import static org.rushreg.registration.TestOrganisers.VIEWER;
import static org.rushreg.registration.TestOrganisers.VIEWER_PASSWORD;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rushreg.registration.ServiceTestSupport;
import org.rushreg.registration.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Guessing the organiser's password: failed logins slow down and then lock the client and the account (429 with
 * Retry-After, the credentials unchecked), the right password works again once the lock is over, and BCrypt runs
 * only for credentials worth checking. Time moves by the test clock, not by waiting.
 */
@DirtiesContext
@Import(LoginThrottlingTest.Doubles.class)
@TestPropertySource(properties = {"rushreg.test.context=login-throttling",
        "rushreg.login.max-failures-per-address=5", "rushreg.login.max-failures-per-account=20",
        "rushreg.login.lock-for=15m"})
class LoginThrottlingTest extends ServiceTestSupport {

    @TestConfiguration(proxyBeanMethods = false)
    static class Doubles {

        @Bean
        @Primary
        TestClock testClock() {
            // Frozen between advances, so that the waits are exact; nothing else in this context needs time to pass.
            return TestClock.frozen();
        }

        @Bean
        @Primary
        CountingPasswordEncoder countingPasswordEncoder() {
            return new CountingPasswordEncoder();
        }
    }

    /** The service's own password check, counted. */
    static final class CountingPasswordEncoder implements PasswordEncoder {

        final AtomicInteger checks = new AtomicInteger();
        private final PasswordEncoder real = PasswordEncoderFactories.createDelegatingPasswordEncoder();

        @Override
        public String encode(CharSequence rawPassword) {
            return real.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            checks.incrementAndGet();
            return real.matches(rawPassword, encodedPassword);
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    TestClock clock;

    @Autowired
    CountingPasswordEncoder passwords;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void everyEarlierLockIsOver() {
        clock.advance(Duration.ofDays(1));
        passwords.checks.set(0);
    }

    private MockHttpServletResponse basicFrom(String address, String user, String password) throws Exception {
        String credentials = Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return mvc.perform(MockMvcRequestBuilders.get("/api/organiser/events").header("Authorization", "Basic " + credentials)
                .with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                })).andReturn().getResponse();
    }

    private MockHttpServletResponse formLoginFrom(String address, String user, String password) throws Exception {
        return mvc.perform(post("/organiser/login").param("username", user).param("password", password)
                .with(csrf()).with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                })).andReturn().getResponse();
    }

    @Test
    void wrongPasswordsSlowDownThenLockAndTheRightOneWorksOnceTheLockIsOver() throws Exception {
        String address = "192.0.2.50";
        for (int i = 0; i < 3; i++) {
            assertThat(basicFrom(address, ORGANISER, "guess-" + i).getStatus()).isEqualTo(401);
        }
        MockHttpServletResponse slowed = basicFrom(address, ORGANISER, "guess-3");
        assertThat(slowed.getStatus()).isEqualTo(429);
        assertThat(slowed.getHeader("Retry-After")).isEqualTo("1");
        assertThat(slowed.getContentType()).startsWith("application/problem+json");

        clock.advance(Duration.ofSeconds(1));
        assertThat(basicFrom(address, ORGANISER, "guess-3").getStatus()).isEqualTo(401);
        clock.advance(Duration.ofSeconds(2));
        assertThat(basicFrom(address, ORGANISER, "guess-4").getStatus()).isEqualTo(401);

        MockHttpServletResponse locked = basicFrom(address, ORGANISER, ORGANISER_PASSWORD);
        assertThat(locked.getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(locked.getHeader("Retry-After"))).isBetween(890L, 900L);
        assertThat(locked.getContentAsString()).contains("Too many failed logins");
        assertThat(basicFrom("192.0.2.51", ORGANISER, ORGANISER_PASSWORD).getStatus())
                .as("another client while the account's own slow-down lasts").isEqualTo(429);
        clock.advance(Duration.ofMinutes(1));
        assertThat(basicFrom("192.0.2.51", ORGANISER, ORGANISER_PASSWORD).getStatus())
                .as("another client, the account below its own limit").isEqualTo(200);

        clock.advance(Duration.ofMinutes(13));
        assertThat(basicFrom(address, ORGANISER, ORGANISER_PASSWORD).getStatus()).isEqualTo(429);
        clock.advance(Duration.ofMinutes(1));
        assertThat(basicFrom(address, ORGANISER, ORGANISER_PASSWORD).getStatus()).isEqualTo(200);
    }

    @Test
    void theLoginFormSaysWhenLoggingInIsLocked() throws Exception {
        String address = "192.0.2.60";
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(1));
            assertThat(formLoginFrom(address, VIEWER, "guess-" + i).getRedirectedUrl())
                    .isEqualTo("/organiser/login?error");
        }
        assertThat(formLoginFrom(address, VIEWER, VIEWER_PASSWORD).getRedirectedUrl())
                .isEqualTo("/organiser/login?locked");
        String page = mvc.perform(MockMvcRequestBuilders.get("/organiser/login").param("locked", "").param("lang", "en")).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("Too many failed logins");

        clock.advance(Duration.ofMinutes(15));
        assertThat(formLoginFrom(address, VIEWER, VIEWER_PASSWORD).getRedirectedUrl()).isEqualTo("/organiser");
    }

    @Test
    void guessesFromManyAddressesLockTheAccountAndTheLockIsAudited() throws Exception {
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofMinutes(1));
            assertThat(basicFrom("198.51.100." + i, ORGANISER, "guess-" + i).getStatus()).isEqualTo(401);
        }
        assertThat(basicFrom("203.0.113.1", ORGANISER, ORGANISER_PASSWORD).getStatus()).isEqualTo(429);
        assertThat(basicFrom("203.0.113.1", VIEWER, VIEWER_PASSWORD).getStatus()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from organiser_actions where actor = :actor and action = 'LOGIN_LOCKED'")
                .param("actor", ORGANISER).query(Long.class).single()).isPositive();

        clock.advance(Duration.ofMinutes(15));
        assertThat(basicFrom("203.0.113.1", ORGANISER, ORGANISER_PASSWORD).getStatus()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from organiser_actions where actor = :actor and action = 'LOGIN_UNLOCKED'")
                .param("actor", ORGANISER).query(Long.class).single()).isPositive();
    }

    @Test
    void aProgramPollingWithBasicPaysBcryptOnceAndBogusRequestsHardlyEver() throws Exception {
        for (int i = 0; i < 50; i++) {
            assertThat(basicFrom("192.0.2.70", ORGANISER, ORGANISER_PASSWORD).getStatus()).isEqualTo(200);
        }
        assertThat(passwords.checks).as("checks for 50 requests with the right password").hasValue(1);

        passwords.checks.set(0);
        for (int i = 0; i < 200; i++) {
            basicFrom("192.0.2.71", "no-such-user-" + i, "guess");
        }
        assertThat(passwords.checks).as("checks for unknown user names").hasValue(0);

        // A flood of guesses from a fresh IPv6 /64 each: the account's slow-down refuses all but the first few.
        for (int i = 0; i < 500; i++) {
            basicFrom("2001:db8:" + Integer.toHexString(i) + "::1", ORGANISER, "guess-" + i);
        }
        assertThat(passwords.checks).as("checks for 500 quick wrong passwords").hasValueLessThanOrEqualTo(3);

        // A patient attacker spreading 200 guesses over the lock time gets at most the account's limit checked.
        clock.advance(Duration.ofDays(1));
        passwords.checks.set(0);
        for (int i = 0; i < 200; i++) {
            clock.advance(Duration.ofMillis(4_500));
            basicFrom("2001:db8:1:" + Integer.toHexString(i) + "::1", ORGANISER, "guess-" + i);
        }
        assertThat(passwords.checks).as("checks for 200 wrong passwords in 15 min").hasValueLessThanOrEqualTo(20);
    }
}
