package org.rushreg.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A random secret made once per data folder and kept in it (owner-readable only), so that it stays the same
 * across restarts and is never a value in the source.
 */
public final class KeptSecret {

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeptSecret() {
    }

    /** The secret in {@code file}, made with {@code bytes} random bytes (URL-safe Base64) if the file is not there. */
    public static String readOrCreate(Path file, int bytes) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, secret);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; the data folder's own permissions must do
        }
        return secret;
    }
}
