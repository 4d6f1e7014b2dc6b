package org.rushreg.loadtest.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

class ChaosCommandTest {

    @Test
    void withOneInstanceEachKillHitsTheServiceItself() {
        assertThat(ChaosCommand.target("capacity-service", URI.create("http://localhost:8081"), 1))
                .isEqualTo(new ChaosCommand.Target("capacity-service", URI.create("http://localhost:8081")));
    }

    @Test
    void withSeveralInstancesEachKillHitsTheSecondCopyAtItsLocalStackPort() {
        // the local stack's plan: registration copies on 8090, 8091 behind the front on 8080; others 200 apart
        assertThat(ChaosCommand.target("registration-service", URI.create("http://localhost:8080"), 2))
                .isEqualTo(new ChaosCommand.Target("registration-service-2", URI.create("http://localhost:8091")));
        assertThat(ChaosCommand.target("capacity-service", URI.create("http://localhost:8081"), 2))
                .isEqualTo(new ChaosCommand.Target("capacity-service-2", URI.create("http://localhost:8281")));
        assertThat(ChaosCommand.target("notification-service", URI.create("http://localhost:8082"), 3))
                .isEqualTo(new ChaosCommand.Target("notification-service-2", URI.create("http://localhost:8282")));
    }
}
