package org.rushreg.capacity.stream;

import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.rushreg.messages.EmailDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.kafka.streams.kstream.KStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/** The whole integration: one function bean the Kafka Streams binder binds to the command topic. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TopicProvisioning.Settings.class)
public class CapacityStreamConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CapacityStreamConfiguration.class);

    /** The Kafka Streams setting that makes the stream's consumer a static member of its group. */
    public static final String GROUP_INSTANCE_ID = StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);

    /**
     * Takes the topic provisioning as a parameter only so that the topics exist, with their partitions and
     * cleanup policies, before the binder starts the stream; its settings give the state's changelogs the retention
     * of the topics with personal data (decision 0048).
     */
    @Bean
    public Consumer<KStream<String, byte[]>> allocateSeats(TopicProvisioning provisionedTopics,
            TopicProvisioning.Settings topics,
            @Value("${capacity.availability-interval:200ms}") Duration availabilityInterval,
            @Value("${capacity.hold-check-interval:5s}") Duration holdCheckInterval, EmailDigest emails) {
        return commands -> CapacityTopology.attach(commands, availabilityInterval, holdCheckInterval, emails,
                topics.personalDataRetention());
    }

    /**
     * The key of the email digests in the state ({@code EMAIL_DIGEST_KEY}). It must stay the same across restarts and
     * instances: the state's digests are compared with new ones. Unset, the development key is used (and said so):
     * a random one would let a person register twice after each restart.
     */
    @Bean
    public EmailDigest emailDigest(@Value("${capacity.email-digest-key:}") String key) {
        return EmailDigest.fromSetting(key, log::warn);
    }

    @Bean
    public TopicProvisioning topicProvisioning(TopicProvisioning.Settings settings) {
        return new TopicProvisioning(settings);
    }

    /**
     * With an instance id ({@code CAPACITY_INSTANCE_ID}) the stream joins its consumer group as a static member:
     * started again after a crash under the same id, it takes its partitions back at once. A dynamic member would
     * have to wait until the group expires the dead member's session, and every decision waits with it. Without an
     * id (the default) membership stays dynamic, because two running instances given one id fence each other.
     */
    @Bean
    public StreamsBuilderFactoryBeanConfigurer staticMembership(@Value("${capacity.instance-id:}") String instanceId) {
        return factoryBean -> {
            if (!instanceId.isBlank()) {
                Properties config = new Properties();
                config.putAll(factoryBean.getStreamsConfiguration());
                config.put(GROUP_INSTANCE_ID, instanceId.strip());
                factoryBean.setStreamsConfiguration(config);
            }
        };
    }
}
