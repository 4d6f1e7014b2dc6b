package org.rushreg.messages;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a service keeps of an email address to compare it later (one registration per address and event, one
 * reminder per address and event): a keyed HMAC-SHA256 of the event and the trimmed, lower-cased address. Keyed, so
 * that nobody without the key can test guessed addresses against the stored digests (a plain SHA-256 of
 * {@code imie.nazwisko@urzad.gov.pl} falls to a dictionary); per event, so that one person's registrations in
 * different events cannot be linked by their digests.
 */
public final class EmailDigest {

    /** The key of local runs and tests only; the services warn when they run with it. */
    public static final String DEVELOPMENT_KEY = "rushreg-development-email-digest-key";
    private static final int MIN_KEY_LENGTH = 16;

    private final ThreadLocal<Mac> mac;

    private EmailDigest(byte[] key) {
        SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(spec);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
            }
        });
    }

    /** A digest under {@code key} (at least 16 characters: EMAIL_DIGEST_KEY). */
    public static EmailDigest withKey(String key) {
        if (key == null || key.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("EMAIL_DIGEST_KEY must be at least " + MIN_KEY_LENGTH
                    + " characters (e.g. openssl rand -hex 32); the same value for every instance, kept across restarts");
        }
        return new EmailDigest(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The digest under the configured key, or under the development key when none is configured, after telling
     * {@code warn} why that must not stay so in production.
     */
    public static EmailDigest fromSetting(String key, java.util.function.Consumer<String> warn) {
        if (key == null || key.isBlank()) {
            warn.accept("EMAIL_DIGEST_KEY is not set: address digests use the development key, which anyone with the "
                    + "source can use to test guessed addresses. Set it (openssl rand -hex 32) in production.");
            return withKey(DEVELOPMENT_KEY);
        }
        return withKey(key);
    }

    /** The digest of an address for an event, in hex; a missing address counts as the empty one. */
    public String of(String eventId, String email) {
        String normalised = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        byte[] input = ((eventId == null ? "" : eventId) + "\u0000" + normalised).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(mac.get().doFinal(input));
    }
}
