package org.rushreg.registration.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.registration.ServiceTestSupport;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A restart seeds the catalogue again from the seed files; an event an organiser changed since keeps the change
 * until its seed file itself changes.
 */
class SeedKeepsOrganiserChangesTest extends ServiceTestSupport {

    @Autowired
    EventCatalogue catalogue;

    private static EventDefinition event(String id, String name, int capacity) {
        return new EventDefinition(id, name, "CFK", null, "Europe/Warsaw", LocalDate.parse("2030-05-06"),
                LocalDate.parse("2030-05-06"), null, null, true, null, List.of(new SessionDefinition("day-1",
                "Dzień 1", Instant.parse("2030-05-06T07:00:00Z"), Instant.parse("2030-05-06T15:00:00Z"), capacity)));
    }

    @Test
    void theSameSeedAgainKeepsTheOrganisersChangeAndAChangedSeedReplacesIt() {
        String id = "seed-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(catalogue.seed(event(id, "Forum", 100))).isTrue();
        catalogue.markPublished(event(id, "Forum", 100));

        // The organiser raises the capacity in the organiser area.
        catalogue.save(event(id, "Forum", 150));
        catalogue.markPublished(event(id, "Forum", 150));

        assertThat(catalogue.seed(event(id, "Forum", 100))).as("nothing owed").isFalse();
        assertThat(catalogue.find(id).orElseThrow().sessions().get(0).capacity()).isEqualTo(150);

        assertThat(catalogue.seed(event(id, "Forum 2030", 100))).as("the changed seed is owed").isTrue();
        assertThat(catalogue.find(id).orElseThrow().name()).isEqualTo("Forum 2030");
        assertThat(catalogue.find(id).orElseThrow().sessions().get(0).capacity()).isEqualTo(100);
    }
}
