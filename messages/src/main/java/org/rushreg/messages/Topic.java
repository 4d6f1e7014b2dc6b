package org.rushreg.messages;

/**
 * A topic of the system: its name, what its record key is, and the type of its values.
 *
 * @param name      the Kafka topic name
 * @param key       what the record key holds (for readers and the AsyncAPI description)
 * @param valueType the Java type of the JSON value
 */
public record Topic<V>(String name, String key, Class<V> valueType) {

    /** The dead-letter topic of this one: poison records go there with error headers, never silently skipped. */
    public String deadLetterName() {
        return name + ".dlq";
    }
}
