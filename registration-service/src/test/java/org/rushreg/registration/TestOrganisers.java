package org.rushreg.registration;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The accounts of the tests: an organiser, a read-only viewer and the check-in staff, with BCrypt hashes as in
 * production.
 */
public final class TestOrganisers {

    public static final String ORGANISER = "organiser";
    public static final String ORGANISER_PASSWORD = "organiser-test-password";
    public static final String VIEWER = "viewer";
    public static final String VIEWER_PASSWORD = "viewer-test-password";
    public static final String CHECKIN = "door";
    public static final String CHECKIN_PASSWORD = "door-test-password";

    // The lowest cost keeps logins quick in tests; production hashes use 10 or more.
    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(4);

    private TestOrganisers() {
    }

    public static void register(DynamicPropertyRegistry registry) {
        registry.add("rushreg.organiser.username", () -> ORGANISER);
        // One with the {bcrypt} prefix and one without: both forms are accepted.
        registry.add("rushreg.organiser.password-hash", () -> "{bcrypt}" + BCRYPT.encode(ORGANISER_PASSWORD));
        registry.add("rushreg.organiser.viewer-username", () -> VIEWER);
        registry.add("rushreg.organiser.viewer-password-hash", () -> BCRYPT.encode(VIEWER_PASSWORD));
        registry.add("rushreg.organiser.checkin-username", () -> CHECKIN);
        registry.add("rushreg.organiser.checkin-password-hash", () -> BCRYPT.encode(CHECKIN_PASSWORD));
    }
}
