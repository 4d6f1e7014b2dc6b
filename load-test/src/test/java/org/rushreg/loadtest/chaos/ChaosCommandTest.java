package org.rushreg.loadtest.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaosCommandTest {

    @Test
    void withOneInstanceEachKillHitsTheServiceItself() {
        assertThat(ChaosCommand.target("capacity-service", URI.create("http://localhost:8081"), 1, Path.of("no-data")))
                .isEqualTo(new ChaosCommand.Target("capacity-service", URI.create("http://localhost:8081")));
    }

    @Test
    void withSeveralInstancesEachKillHitsTheSecondCopyAtItsLocalStackPort() {
        // the local stack's plan: registration copies on 8090, 8091 behind the front on 8080; others 200 apart
        assertThat(ChaosCommand.target("registration-service", URI.create("http://localhost:8080"), 2, Path.of("no-data")))
                .isEqualTo(new ChaosCommand.Target("registration-service-2", URI.create("http://localhost:8091")));
        assertThat(ChaosCommand.target("capacity-service", URI.create("http://localhost:8081"), 2, Path.of("no-data")))
                .isEqualTo(new ChaosCommand.Target("capacity-service-2", URI.create("http://localhost:8281")));
        assertThat(ChaosCommand.target("notification-service", URI.create("http://localhost:8082"), 3, Path.of("no-data")))
                .isEqualTo(new ChaosCommand.Target("notification-service-2", URI.create("http://localhost:8282")));
    }

    @Test
    void aCopyWhosePortTheLocalStackMovedIsFoundThroughItsPortFile(@TempDir Path data) throws Exception {
        Files.writeString(data.resolve("registration-service-2.port"), "8093");
        assertThat(ChaosCommand.target("registration-service", URI.create("http://localhost:8080"), 2, data))
                .isEqualTo(new ChaosCommand.Target("registration-service-2", URI.create("http://localhost:8093")));
    }
}
