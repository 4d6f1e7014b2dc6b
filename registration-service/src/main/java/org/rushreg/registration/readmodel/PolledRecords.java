package org.rushreg.registration.readmodel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.rushreg.messages.MalformedMessageException;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.Topic;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * The records of one poll as the binder hands them over in batch mode: the values, and beside them (same order) the
 * key, partition and offset of each, which a dead letter needs to say where it came from.
 */
record PolledRecords(List<?> values, List<?> keys, List<?> partitions, List<?> offsets) {

    static PolledRecords of(Message<? extends List<?>> message) {
        return new PolledRecords(message.getPayload(), list(message, KafkaHeaders.RECEIVED_KEY),
                list(message, KafkaHeaders.RECEIVED_PARTITION), list(message, KafkaHeaders.OFFSET));
    }

    /**
     * The records of a poll of several topics, topic by topic, each in the order polled. A topic with no record in
     * the poll has an empty batch.
     */
    static Map<String, PolledRecords> byTopic(Message<? extends List<?>> message, List<String> topics) {
        PolledRecords all = of(message);
        List<?> names = list(message, KafkaHeaders.RECEIVED_TOPIC);
        Map<String, PolledRecords> batches = new HashMap<>();
        for (String topic : topics) {
            List<Integer> indexes = new ArrayList<>();
            for (int i = 0; i < all.values.size(); i++) {
                if (i < names.size() && topic.equals(names.get(i))) {
                    indexes.add(i);
                }
            }
            batches.put(topic, new PolledRecords(pick(all.values, indexes), pick(all.keys, indexes),
                    pick(all.partitions, indexes), pick(all.offsets, indexes)));
        }
        return batches;
    }

    private static List<?> pick(List<?> list, List<Integer> indexes) {
        List<Object> picked = new ArrayList<>(indexes.size());
        for (int i : indexes) {
            picked.add(i < list.size() ? list.get(i) : null);
        }
        return picked;
    }

    private static List<?> list(Message<?> message, String header) {
        return message.getHeaders().get(header) instanceof List<?> list ? list : List.of();
    }

    /** The value of record {@code i}; null for a record without one (the binder hands those over as KafkaNull). */
    private byte[] bytes(int i) {
        return values.get(i) instanceof byte[] bytes ? bytes : null;
    }

    /** One record that could not be read, with why. */
    record Unreadable(PolledRecords batch, int index, RuntimeException problem) {

        byte[] value() {
            return batch.bytes(index);
        }

        byte[] key() {
            Object key = index < batch.keys.size() ? batch.keys.get(index) : null;
            return key instanceof byte[] bytes ? bytes : key == null ? null : key.toString().getBytes();
        }

        int partition() {
            return index < batch.partitions.size() && batch.partitions.get(index) instanceof Integer p ? p : -1;
        }

        long offset() {
            return index < batch.offsets.size() && batch.offsets.get(index) instanceof Long o ? o : -1L;
        }
    }

    /**
     * What a batch held: the messages in the order they were polled (with the position of each in the poll), and the
     * records that are not messages.
     */
    record Read<T>(PolledRecords batch, List<T> messages, List<Integer> positions, List<Unreadable> unreadable) {

        /** The record message {@code i} was read from, as one that could not be applied after all. */
        Unreadable refused(int i, RuntimeException problem) {
            return new Unreadable(batch, positions.get(i), problem);
        }
    }

    /**
     * Reads every record as a message of the topic. A record that is not valid JSON of the topic's type, or that
     * lacks what the read model needs ({@code complete} says false), is set aside instead of failing the batch.
     */
    <T> Read<T> read(Topic<T> as, Predicate<T> complete) {
        return read(bytes -> MessageJson.fromBytes(bytes, as), complete);
    }

    /** As {@link #read(Topic, Predicate)}, each record read by {@code reader}. */
    <T> Read<T> read(Function<byte[], T> reader, Predicate<T> complete) {
        List<T> messages = new ArrayList<>(values.size());
        List<Integer> positions = new ArrayList<>(values.size());
        List<Unreadable> unreadable = new ArrayList<>(0);
        for (int i = 0; i < values.size(); i++) {
            try {
                T message = reader.apply(bytes(i));
                if (complete.test(message)) {
                    messages.add(message);
                    positions.add(i);
                } else {
                    unreadable.add(new Unreadable(this, i, new MalformedMessageException(
                            "Record lacks a field the read model needs: " + message.getClass().getSimpleName(), null)));
                }
            } catch (MalformedMessageException e) {
                unreadable.add(new Unreadable(this, i, e));
            }
        }
        return new Read<>(this, messages, positions, unreadable);
    }
}
