package org.rushreg.capacity.allocation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Name-based UUIDs with one digest per thread: {@code MessageDigest.getInstance} looks the algorithm up among the
 * security providers on every call (inside {@link UUID#nameUUIDFromBytes} too), a measurable part of the capacity
 * service's work per decision.
 */
final class Digests {

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> digest("MD5"));

    private Digests() {
    }

    /** The same UUID as {@code UUID.nameUUIDFromBytes(name.getBytes(UTF_8))} (version 3, MD5 of the name). */
    static UUID nameUuid(String name) {
        byte[] md5 = MD5.get().digest(name.getBytes(StandardCharsets.UTF_8));
        md5[6] &= 0x0f;
        md5[6] |= 0x30;
        md5[8] &= 0x3f;
        md5[8] |= (byte) 0x80;
        ByteBuffer bytes = ByteBuffer.wrap(md5);
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available in this JVM", e);
        }
    }
}
