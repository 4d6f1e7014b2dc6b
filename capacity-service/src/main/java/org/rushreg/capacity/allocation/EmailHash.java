package org.rushreg.capacity.allocation;

import java.util.HexFormat;
import java.util.Locale;

/** The only trace of a person the capacity service keeps: SHA-256 of the trimmed, lower-cased email. */
public final class EmailHash {

    private EmailHash() {
    }

    public static String of(String email) {
        String normalised = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        return HexFormat.of().formatHex(Digests.sha256(normalised));
    }
}
