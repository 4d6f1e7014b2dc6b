package org.rushreg.localstack.organiser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class OrganiserLoginTest {

    @TempDir
    Path dataDir;

    @Test
    void aRandomPasswordIsMadeOncePerDataFolderAndKeptOwnerReadableOnly() throws Exception {
        OrganiserLogin first = OrganiserLogin.forDataDir(dataDir, Map.of());
        OrganiserLogin second = OrganiserLogin.forDataDir(dataDir, Map.of());

        assertThat(first.password()).hasSizeGreaterThanOrEqualTo(20).isEqualTo(second.password());
        assertThat(OrganiserLogin.forDataDir(dataDir.resolve("other"), Map.of()).password()).isNotEqualTo(first.password());
        Path file = dataDir.resolve(OrganiserLogin.FILE);
        assertThat(Files.readString(file).trim()).isEqualTo(first.password());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void theServiceIsGivenTheUserNameAndABcryptHashOfThePasswordButNeverThePassword() throws Exception {
        OrganiserLogin login = OrganiserLogin.forDataDir(dataDir, Map.of());

        Map<String, String> env = login.serviceEnv();
        assertThat(env).containsOnlyKeys("ORGANISER_USERNAME", "ORGANISER_PASSWORD_HASH");
        assertThat(env.get("ORGANISER_USERNAME")).isEqualTo("organiser");
        // the shape the registration-service accepts: $2a$, cost, 53 characters of salt and hash
        assertThat(env.get("ORGANISER_PASSWORD_HASH")).matches("\\$2a\\$10\\$[./0-9A-Za-z]{53}");
        assertThat(new BCryptPasswordEncoder().matches(login.password(), env.get("ORGANISER_PASSWORD_HASH"))).isTrue();
        assertThat(env.values()).doesNotContain(login.password());
    }

    @Test
    void theBannerNamesTheUserThePasswordAndTheOrganiserPage() throws Exception {
        OrganiserLogin login = OrganiserLogin.forDataDir(dataDir, Map.of());

        assertThat(login.banner("http://localhost:8080"))
                .isEqualTo("Organiser login: organiser / " + login.password() + " at http://localhost:8080/organiser");
    }

    @Test
    void theUserNameComesFromOrganiserUsernameWhenSet() throws Exception {
        OrganiserLogin login = OrganiserLogin.forDataDir(dataDir, Map.of("ORGANISER_USERNAME", " kongres "));

        assertThat(login.username()).isEqualTo("kongres");
        assertThat(login.serviceEnv()).containsEntry("ORGANISER_USERNAME", "kongres");
        assertThat(login.banner("http://localhost:8080")).startsWith("Organiser login: kongres / ");
    }
}
