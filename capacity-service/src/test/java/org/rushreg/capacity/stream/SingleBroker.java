package org.rushreg.capacity.stream;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** One embedded KRaft broker set up for exactly-once failure tests, with the service's topics already there. */
final class SingleBroker {

    private SingleBroker() {
    }

    static EmbeddedKafkaKraftBroker startWithTopics() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, Burst.PARTITIONS);
        broker.brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0",
                // lets CapacityInstance.FAST_FAILOVER's short session timeout through
                "group.min.session.timeout.ms", "1000"));
        broker.afterPropertiesSet();
        new TopicProvisioning(new TopicProvisioning.Settings(broker.getBrokersAsString(), true, Burst.PARTITIONS,
                (short) 1, 0, null, null, null));
        return broker;
    }
}
