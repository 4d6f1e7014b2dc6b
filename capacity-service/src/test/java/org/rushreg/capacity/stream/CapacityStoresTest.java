package org.rushreg.capacity.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CapacityStoresTest {

    @Test
    void everyChangelogIsCompactedWithinTheRetentionOfTheTopicsWithPersonalData() {
        assertThat(CapacityStores.builders(Duration.ofDays(3))).hasSize(5).allSatisfy(store -> {
            assertThat(store.loggingEnabled()).as(store.name()).isTrue();
            assertThat(store.logConfig()).as(store.name())
                    .containsEntry("max.compaction.lag.ms", Long.toString(Duration.ofDays(3).toMillis()));
        });
    }
}
