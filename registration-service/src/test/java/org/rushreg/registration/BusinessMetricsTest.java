package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.SessionSeats;
import org.rushreg.messages.SessionStatus;

/**
 * The business metrics an operator's Grafana reads from /actuator/prometheus, after registrations through the API
 * and their decisions on the topic. Other tests share the service, so each figure is compared before and after.
 */
class BusinessMetricsTest extends ServiceTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$");

    private String scrape() {
        Answer answer = management("/actuator/prometheus");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    /** The sum of the samples of this name carrying all these labels (e.g. {@code outcome="accepted"}). */
    private static double value(String scrape, String name, String... labels) {
        double sum = 0;
        for (String line : scrape.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (m.matches() && m.group(1).equals(name)
                    && List.of(labels).stream().allMatch(l -> m.group(2) != null && m.group(2).contains(l))) {
                sum += Double.parseDouble(m.group(3));
            }
        }
        return sum;
    }

    private static List<String> lines(String scrape, String name) {
        List<String> found = new ArrayList<>();
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name)) {
                found.add(line);
            }
        }
        return found;
    }

    @Test
    void registrationsAndTheirDecisionsShowInThePrometheusOutput() {
        String before = scrape();
        Instant requested = Instant.now();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Answer accepted = register(registration("day-2"));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            ids.add(accepted.json().path("registrationId").asString());
        }
        assertThat(register(with(registration("day-2"), "email", "not an address")).status()).isEqualTo(400);
        assertThat(postJson("/api/events/no-such-event/registrations", registration("day-2"), Map.of()).status())
                .isEqualTo(404);
        String key = UUID.randomUUID().toString();
        assertThat(postJson("/api/events/" + StandInServices.EVENT + "/registrations", registration("day-2"),
                Map.of("Idempotency-Key", key)).status()).isEqualTo(202);
        assertThat(postJson("/api/events/" + StandInServices.EVENT + "/registrations", registration("day-1"),
                Map.of("Idempotency-Key", key)).status()).isEqualTo(422);

        try (StandInServices services = new StandInServices(broker)) {
            RegistrationDecided first = services.decide(ids.get(0), requested, SessionStatus.CONFIRMED, "day-2");
            services.decide(ids.get(1), requested, SessionStatus.CONFIRMED, "day-2");
            services.decide(ids.get(2), requested, SessionStatus.WAITLISTED, "day-2");
            // A redelivered decision is not a second decision.
            services.redeliver(first);
            services.promote(ids.get(2), "day-2");
            services.seats(new SessionSeats("day-2", 600, 17, 0));
        }

        await().atMost(PATIENCE).until(() -> {
            String now = scrape();
            return value(now, "registration_decisions_total", "status=\"PROMOTED\"")
                    > value(before, "registration_decisions_total", "status=\"PROMOTED\"")
                    && value(now, "registration_seats_remaining", "session=\"day-2\"") == 583;
        });
        String after = scrape();

        assertThat(delta(before, after, "registration_requests_total", "outcome=\"accepted\"", "reason=\"none\""))
                .isEqualTo(4);
        assertThat(delta(before, after, "registration_requests_total", "outcome=\"refused\"", "reason=\"validation\""))
                .isEqualTo(1);
        assertThat(delta(before, after, "registration_requests_total", "outcome=\"refused\"",
                "reason=\"unknown_event\"")).isEqualTo(1);
        assertThat(delta(before, after, "registration_requests_total", "outcome=\"refused\"",
                "reason=\"idempotency_conflict\"")).isEqualTo(1);

        assertThat(delta(before, after, "registration_decisions_total", "status=\"CONFIRMED\"")).isEqualTo(2);
        assertThat(delta(before, after, "registration_decisions_total", "status=\"WAITLISTED\"")).isEqualTo(1);
        assertThat(delta(before, after, "registration_decisions_total", "status=\"PROMOTED\"")).isEqualTo(1);

        assertThat(delta(before, after, "registration_decision_latency_seconds_count")).isEqualTo(3);
        double waited = delta(before, after, "registration_decision_latency_seconds_sum");
        assertThat(waited).as("three decisions, each after its request and within the test").isPositive()
                .isLessThan(3 * PATIENCE.toSeconds());
        assertThat(lines(after, "registration_decision_latency_seconds_bucket"))
                .as("a histogram, for percentiles in Grafana").anyMatch(l -> l.contains("le=\"+Inf\""));

        assertThat(value(after, "registration_seats_remaining", "event=\"" + StandInServices.EVENT + "\"",
                "session=\"day-2\"")).isEqualTo(583);
        assertThat(lines(after, "registration_seats_remaining"))
                .anyMatch(l -> l.contains("session=\"walk-revitalisation\""));
    }

    private static double delta(String before, String after, String name, String... labels) {
        return value(after, name, labels) - value(before, name, labels);
    }
}
