package org.rushreg.capacity.stream;

/** A record on its way out of the allocation processor: which topic, and the bytes it carries. */
record Outbound(Destination destination, byte[] payload) {

    enum Destination {
        DECISIONS, AVAILABILITY, DEAD_LETTER
    }
}
