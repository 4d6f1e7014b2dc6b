package org.rushreg.capacity.stream;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.rushreg.messages.Topics;

/** A record on its way out of the allocation processor: which topic, and the bytes it carries. */
record Outbound(Destination destination, byte[] payload) {

    /** Sends each record to its destination's topic: one sink for all, no filter per topic on the way. */
    static final TopicNameExtractor<String, Outbound> TOPIC = (key, value, context) -> value.destination().topic;

    /** Writes the payload as it is; outbound records are never read back. */
    static final Serde<Outbound> PAYLOAD = Serdes.serdeFrom(
            (topic, value) -> value == null ? null : value.payload(),
            (topic, bytes) -> {
                throw new UnsupportedOperationException("Outbound records are only written, never read");
            });

    enum Destination {
        DECISIONS(Topics.REGISTRATION_DECISIONS.name()),
        AVAILABILITY(Topics.SEAT_AVAILABILITY.name()),
        ATTENDANCE(Topics.ATTENDANCE.name()),
        /** What the state holds of a person, for their access request (decision 0050). */
        ACCESS(Topics.PERSONAL_DATA_ACCESS.name()),
        DEAD_LETTER(Topics.REGISTRATION_COMMANDS.deadLetterName()),
        /** A record on personal-data.expirations that is not an expiry of an event (decision 0039). */
        EXPIRATION_DEAD_LETTER(Topics.PERSONAL_DATA_EXPIRATIONS.deadLetterName());

        private final String topic;

        Destination(String topic) {
            this.topic = topic;
        }
    }
}
