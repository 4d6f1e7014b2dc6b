package org.rushreg.notification.reminders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.rushreg.messages.Recipient;

/**
 * Whom an "already registered" reminder addresses, and the key its limit is kept under. Anyone can post a
 * registration with someone else's address, so nothing the duplicate request carried but the address (and the
 * language it asked for, when the registered one is unknown) may go into the email.
 */
public final class ReminderRecipient {

    private ReminderRecipient() {
    }

    /**
     * The recipient of the registration the address holds, as it registered; when that is not known here (its
     * decision not handled yet, or long gone), the address greeted without a name.
     */
    public static Recipient of(Recipient registered, Recipient requested) {
        if (registered != null && registered.email() != null && !registered.email().isBlank()) {
            return registered;
        }
        return new Recipient(null, null, requested.email(), requested.locale());
    }

    /** SHA-256 of the address as the capacity service compares it (trimmed, lower-cased), in hex. */
    public static String addressHash(String email) {
        String normalised = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
