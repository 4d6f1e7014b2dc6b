package org.rushreg.capacity.stream;

import java.util.HashMap;
import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** One embedded KRaft broker set up for exactly-once failure tests, with the service's topics already there. */
final class SingleBroker {

    private SingleBroker() {
    }

    static EmbeddedKafkaKraftBroker startWithTopics() {
        return startWithTopics(Map.of());
    }

    /** As {@link #startWithTopics()}, with some broker settings of the test's own on top. */
    static EmbeddedKafkaKraftBroker startWithTopics(Map<String, String> settings) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, Burst.PARTITIONS);
        Map<String, String> properties = new HashMap<>(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0",
                // lets CapacityInstance.FAST_FAILOVER's short session timeout through
                "group.min.session.timeout.ms", "1000"));
        properties.putAll(settings);
        broker.brokerProperties(properties);
        broker.afterPropertiesSet();
        new TopicProvisioning(new TopicProvisioning.Settings(broker.getBrokersAsString(), true, Burst.PARTITIONS,
                (short) 1, 0, null, null, null));
        return broker;
    }
}
