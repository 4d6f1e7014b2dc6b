package org.rushreg.messages;

import java.time.Instant;
import java.util.UUID;

/** The envelope values every message starts with. */
public final class Schema {

    /** The shape of the messages this build writes; readers accept this and older ones. */
    public static final int VERSION = 1;

    private Schema() {
    }

    public static String newMessageId() {
        return UUID.randomUUID().toString();
    }

    public static Instant now() {
        return Instant.now();
    }
}
