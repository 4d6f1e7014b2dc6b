package org.rushreg.capacity.stream;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.rushreg.messages.MessageJson;

/** Values in state stores, in the same JSON form as messages on topics. */
final class MessageSerde<T> implements Serde<T> {

    private final Class<T> type;

    MessageSerde(Class<T> type) {
        this.type = type;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : MessageJson.toBytes(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : MessageJson.fromBytes(bytes, type);
    }
}
