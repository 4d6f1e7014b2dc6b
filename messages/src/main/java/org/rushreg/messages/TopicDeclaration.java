package org.rushreg.messages;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How one topic is created: what every place that creates topics (the capacity service's provisioning, the local
 * stack, compose's {@code kafka-init}, the Helm chart's Strimzi {@code KafkaTopic}s) must agree on. Made by
 * {@link TopicDeclarations#of}, never by hand.
 *
 * @param name              the topic
 * @param partitions        its partitions: the unit of parallelism per key, fixed once records are keyed into them
 * @param replicationFactor its replicas; {@code -1} leaves it to the broker's {@code default.replication.factor}
 * @param configs           topic-level configuration (cleanup.policy, retention.ms, min.insync.replicas), in
 *                          name order; what is absent is the broker's default
 */
public record TopicDeclaration(String name, int partitions, short replicationFactor, Map<String, String> configs) {

    public TopicDeclaration {
        configs = Collections.unmodifiableMap(new TreeMap<>(configs));
    }
}
