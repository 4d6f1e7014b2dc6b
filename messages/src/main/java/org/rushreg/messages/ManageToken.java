package org.rushreg.messages;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token in a registrant's manage link: it proves the holder received the email about that registration,
 * and it expires. The notification service signs it into the email; the registration service checks it before a
 * cancellation or change. Both are given the same secret. Form: {@code <expiry epoch seconds>.<HMAC-SHA256>}.
 */
public final class ManageToken {

    private static final String ALGORITHM = "HmacSHA256";

    private final Mac keyed;
    private final boolean ephemeral;

    public ManageToken(String secret) {
        this(secret, false);
    }

    private ManageToken(String secret, boolean ephemeral) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("The manage-link secret (MANAGE_LINK_SECRET) must be at least 16 "
                    + "characters long; set the same value on registration-service and notification-service");
        }
        try {
            this.keyed = Mac.getInstance(ALGORITHM);
            keyed.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
        this.ephemeral = ephemeral;
    }

    /**
     * Tokens for the configured secret or, when none is configured, for a random one known only to this process:
     * then {@link #ephemeral()} is true and the caller should warn that links from or to other processes fail.
     */
    public static ManageToken withSecretOrRandom(String secret) {
        if (secret != null && !secret.isBlank()) {
            return new ManageToken(secret);
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return new ManageToken(Base64.getUrlEncoder().withoutPadding().encodeToString(random), true);
    }

    /** True when the secret was made up by this process, so no other process can check or make these tokens. */
    public boolean ephemeral() {
        return ephemeral;
    }

    public String sign(String registrationId, Instant expiresAt) {
        long expiry = expiresAt.getEpochSecond();
        return expiry + "." + mac(registrationId, expiry);
    }

    /** True when the token was signed for this registration with our secret and has not expired at {@code now}. */
    public boolean verify(String registrationId, String token, Instant now) {
        if (token == null || registrationId == null) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        long expiry;
        try {
            expiry = Long.parseLong(token.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        byte[] expected = mac(registrationId, expiry).getBytes(StandardCharsets.US_ASCII);
        byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) && now.getEpochSecond() < expiry;
    }

    private String mac(String registrationId, long expiry) {
        try {
            // A copy of the keyed prototype: looking up the provider and keying a new Mac costs more than the MAC.
            Mac mac = (Mac) keyed.clone();
            byte[] digest = mac.doFinal((registrationId + "|" + expiry).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("This JVM's HmacSHA256 cannot be copied", e);
        }
    }
}
