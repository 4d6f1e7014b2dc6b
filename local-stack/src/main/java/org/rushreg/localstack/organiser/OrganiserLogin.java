package org.rushreg.localstack.organiser;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.rushreg.localstack.KeptSecret;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The organiser account of the local stack: a random password made once per data folder (kept in
 * {@code organiser-password}), handed to the registration-service only as its BCrypt hash
 * ({@code ORGANISER_PASSWORD_HASH}), and printed in the ready banner so a developer can log in.
 * The user name is {@code ORGANISER_USERNAME} from the launcher's environment, {@code organiser} by default.
 */
public record OrganiserLogin(String username, String password, String passwordHash) {

    public static final String DEFAULT_USERNAME = "organiser";
    static final String FILE = "organiser-password";

    public static OrganiserLogin forDataDir(Path dataDir, Map<String, String> environment) throws IOException {
        String username = environment.getOrDefault("ORGANISER_USERNAME", "").isBlank()
                ? DEFAULT_USERNAME : environment.get("ORGANISER_USERNAME").strip();
        String password = KeptSecret.readOrCreate(dataDir.resolve(FILE), 18);
        // a fresh salt on every start is fine: only the hash's match with the kept password matters
        return new OrganiserLogin(username, password, new BCryptPasswordEncoder(10).encode(password));
    }

    /** What the registration-service is given: the name and the hash, never the password. */
    public Map<String, String> serviceEnv() {
        return Map.of("ORGANISER_USERNAME", username, "ORGANISER_PASSWORD_HASH", passwordHash);
    }

    public String banner(String registrationUrl) {
        return "Organiser login: " + username + " / " + password + " at " + registrationUrl + "/organiser";
    }
}
