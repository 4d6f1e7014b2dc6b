package org.rushreg.capacity.stream;

import java.time.Duration;
import java.util.function.Consumer;
import org.apache.kafka.streams.kstream.KStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The whole integration: one function bean the Kafka Streams binder binds to the command topic. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TopicProvisioning.Settings.class)
public class CapacityStreamConfiguration {

    /**
     * Takes the topic provisioning as a parameter only so that the topics exist, with their partitions and
     * cleanup policies, before the binder starts the stream.
     */
    @Bean
    public Consumer<KStream<String, byte[]>> allocateSeats(TopicProvisioning provisionedTopics,
            @Value("${capacity.availability-interval:200ms}") Duration availabilityInterval) {
        return commands -> CapacityTopology.attach(commands, availabilityInterval);
    }

    @Bean
    public TopicProvisioning topicProvisioning(TopicProvisioning.Settings settings) {
        return new TopicProvisioning(settings);
    }
}
