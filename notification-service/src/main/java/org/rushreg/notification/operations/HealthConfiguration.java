package org.rushreg.notification.operations;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code broker} health contributor, part of the readiness group with the database (application.yml): a
 * service that cannot read decisions or record emails should get no traffic, but it is still alive.
 */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

    /** Long enough for a busy broker, short enough that a probe (usually 1 s or more apart) does not pile up. */
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CACHE_FOR = Duration.ofSeconds(2);

    @Bean
    BrokerHealthIndicator brokerHealthIndicator(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers) {
        return new BrokerHealthIndicator(brokers, TIMEOUT, CACHE_FOR, Clock.systemUTC());
    }
}
