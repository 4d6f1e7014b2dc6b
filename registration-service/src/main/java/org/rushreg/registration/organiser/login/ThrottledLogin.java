package org.rushreg.registration.organiser.login;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.rushreg.registration.web.ClientAddress;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The organiser login (form and HTTP Basic) with its costs bounded. In this order: an attempt that the
 * {@link LoginThrottle} says must wait is refused; an unknown user name is refused (and counted against the client);
 * a user name and password verified within the last {@link #VERIFIED_FOR} are accepted from memory; only then does
 * BCrypt run. So a program polling the API with HTTP Basic pays BCrypt once per {@link #VERIFIED_FOR}, and bogus
 * requests never pay it: BCrypt is what an attacker would make the service burn its CPU on.
 *
 * <p>An unknown user name is answered sooner than a wrong password: the account names are not the secret, the
 * passwords are, and hashing a dummy password for every made-up name is the cost this class exists to avoid.
 *
 * <p>Remembered credentials are keyed by an HMAC of user name and password under a key made at start, so memory
 * holds nothing that would help guess the password offline.
 */
public class ThrottledLogin implements AuthenticationProvider {

    static final Duration VERIFIED_FOR = Duration.ofMinutes(5);

    private final UserDetailsService accounts;
    private final PasswordEncoder passwords;
    private final LoginThrottle throttle;
    private final Cache<String, Boolean> verified;
    private final SecretKeySpec fingerprintKey;

    public ThrottledLogin(UserDetailsService accounts, PasswordEncoder passwords, LoginThrottle throttle, Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.throttle = throttle;
        this.verified = Caffeine.newBuilder().maximumSize(100).expireAfterWrite(VERIFIED_FOR)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).executor(Runnable::run).build();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.fingerprintKey = new SecretKeySpec(key, "HmacSHA256");
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String client = ClientAddress.keyOf(attempt.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null);
        UserDetails account = accountNamed(attempt.getName());
        String name = account == null ? null : account.getUsername();
        Duration wait = throttle.waitBefore(name, client);
        if (!wait.isZero()) {
            throw new LoginThrottledException(wait);
        }
        String password = attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
        if (account == null || !account.isEnabled() || !passwordMatches(account, password)) {
            throttle.failed(name, client);
            throw new BadCredentialsException("Wrong user name or password");
        }
        throttle.succeeded(name, client);
        return UsernamePasswordAuthenticationToken.authenticated(account, null, account.getAuthorities());
    }

    private boolean passwordMatches(UserDetails account, String password) {
        String fingerprint = fingerprint(account.getUsername(), password);
        if (verified.getIfPresent(fingerprint) != null) {
            return true;
        }
        if (!passwords.matches(password, account.getPassword())) {
            return false;
        }
        verified.put(fingerprint, Boolean.TRUE);
        return true;
    }

    private UserDetails accountNamed(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        try {
            return accounts.loadUserByUsername(name);
        } catch (UsernameNotFoundException e) {
            return null;
        }
    }

    private String fingerprint(String account, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(fingerprintKey);
            mac.update(account.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
