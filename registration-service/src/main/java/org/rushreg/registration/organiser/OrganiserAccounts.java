package org.rushreg.registration.organiser;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The people who may log in: an organiser (roles {@value #ORGANISER} and {@value #CHECKIN}), an optional read-only
 * viewer (role {@value #VIEWER}) and an optional check-in staff account (role {@value #CHECKIN} alone: it scans
 * tickets at the door and sees nothing of the organiser area), with BCrypt password hashes from configuration. There
 * is no default password: an empty hash leaves the account out, and nobody can log in until one is set.
 */
@Configuration(proxyBeanMethods = false)
public class OrganiserAccounts {

    public static final String ORGANISER = "ORGANISER";
    public static final String VIEWER = "VIEWER";
    public static final String CHECKIN = "CHECKIN";

    private static final Logger log = LoggerFactory.getLogger(OrganiserAccounts.class);

    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./0-9A-Za-z]{53}");

    @Bean
    UserDetailsService organisers(OrganiserProperties properties) {
        List<UserDetails> users = new ArrayList<>();
        // Organisers may check people in themselves, at the desk beside their staff.
        account(properties.username(), properties.passwordHash(), "ORGANISER_USERNAME", "ORGANISER_PASSWORD_HASH",
                ORGANISER, CHECKIN).ifPresent(users::add);
        account(properties.viewerUsername(), properties.viewerPasswordHash(), "VIEWER_USERNAME",
                "VIEWER_PASSWORD_HASH", VIEWER).ifPresent(users::add);
        account(properties.checkinUsername(), properties.checkinPasswordHash(), "CHECKIN_USERNAME",
                "CHECKIN_PASSWORD_HASH", CHECKIN).ifPresent(users::add);
        long names = users.stream().map(UserDetails::getUsername).distinct().count();
        if (names < users.size()) {
            throw new IllegalStateException("ORGANISER_USERNAME, VIEWER_USERNAME and CHECKIN_USERNAME must differ "
                    + "between the accounts that have a password hash");
        }
        if (users.stream().noneMatch(u -> u.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_" + ORGANISER)))) {
            log.warn("Organiser area: nobody can log in as organiser. Set ORGANISER_PASSWORD_HASH to a BCrypt hash "
                    + "of the password (for example: htpasswd -nbBC 12 '' 'the password' | tr -d ':\\n')");
        }
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    private static Optional<UserDetails> account(String username, String hash, String usernameVariable,
                                                 String hashVariable, String... roles) {
        if (hash == null || hash.isBlank()) {
            return Optional.empty();
        }
        String bare = hash.strip().replaceFirst("^\\{bcrypt}", "");
        if (!BCRYPT.matcher(bare).matches()) {
            throw new IllegalStateException(hashVariable + " is not a BCrypt hash (it should look like $2a$12$ "
                    + "followed by 53 characters); set it to the BCrypt hash of the password, not the password");
        }
        if (username == null || username.isBlank()) {
            throw new IllegalStateException(usernameVariable + " is empty; set it to the user name to log in with");
        }
        log.info("Organiser area: account '{}' with roles {}", username.strip(), String.join(", ", roles));
        return Optional.of(User.withUsername(username.strip()).password("{bcrypt}" + bare).roles(roles)
                .build());
    }
}
