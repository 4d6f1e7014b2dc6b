package org.rushreg.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

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
        return readOrCreate(file, () -> {
            byte[] random = new byte[bytes];
            RANDOM.nextBytes(random);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        });
    }

    /**
     * The Ed25519 private key in {@code file} (PKCS#8, base64: what TICKET_SIGNING_KEY takes), made if the file is not
     * there, so that tickets in old emails keep verifying across restarts.
     */
    public static String ticketSigningKey(Path file) throws IOException {
        return readOrCreate(file, () -> {
            try {
                return Base64.getEncoder().encodeToString(
                        KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Ed25519 is not available in this JVM (Java 15 or newer has it)", e);
            }
        });
    }

    private static String readOrCreate(Path file, Supplier<String> make) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        String secret = make.get();
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
