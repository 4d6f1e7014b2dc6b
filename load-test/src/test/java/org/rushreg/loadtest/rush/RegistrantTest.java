package org.rushreg.loadtest.rush;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RegistrantTest {

    @Test
    void aPlanHasDistinctPeopleAndTheAskedSharesOfRepeatsAndDoubleSubmits() {
        List<Registrant> plan = Registrant.plan("run1", 10_000, 0.05, 0.02);

        assertThat(new HashSet<>(plan.stream().map(Registrant::email).toList())).hasSize(10_000);
        assertThat(new HashSet<>(plan.stream().map(Registrant::idempotencyKey).toList())).hasSize(10_000);
        assertThat(plan.stream().filter(Registrant::repeatsWithSameKey).count()).isBetween(400L, 600L);
        assertThat(plan.stream().filter(Registrant::submitsTwice).count()).isBetween(120L, 280L);
        assertThat(plan.stream().filter(r -> r.repeatsWithSameKey() && r.submitsTwice())).isEmpty();
        // the same options send the same kinds of request
        assertThat(Registrant.plan("run2", 10_000, 0.05, 0.02).stream().map(Registrant::submitsTwice).toList())
                .isEqualTo(plan.stream().map(Registrant::submitsTwice).toList());
    }

    @Test
    void theBodyIsTheRegistrationRequestOfTheContract() {
        Registrant anna = Registrant.plan("run1", 1, 0, 0).get(0);

        JsonNode body = JsonMapper.builder().build().readTree(anna.body("main"));

        assertThat(body.get("email").asString()).isEqualTo(anna.email());
        assertThat(body.get("sessionIds").get(0).asString()).isEqualTo("main");
        assertThat(body.get("consents").get("terms").asBoolean()).isTrue();
        assertThat(body.get("firstName").asString()).isEqualTo("Anna");
        assertThat(body.get("locale").asString()).isIn("pl", "en");
    }
}
