package org.rushreg.registration.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.ConsentRecord;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.RegisterAttendee;
import org.rushreg.messages.Registrant;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionStatus;
import org.rushreg.registration.ServiceTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The commands and the decisions reach the read model on different consumers, so two threads write the same
 * registrations at once (a rush decides a registration within milliseconds of its command). Both transactions must
 * land, whichever locks a row first, and neither may wait for a deadlock to be broken.
 */
class SideBySideProjectionsTest extends ServiceTestSupport {

    private static final String EVENT = "kongres-2024";

    @Autowired
    private RegistrationProjection registrations;

    @Autowired
    private DecisionProjection decisions;

    @Autowired
    private JdbcTemplate db;

    @Test
    void commandsAndDecisionsOfTheSameRegistrationsAppliedAtOnceBothLand() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                List<String> ids = IntStream.range(0, 300).mapToObj(i -> UUID.randomUUID().toString()).toList();
                List<RegisterAttendee> commands = ids.stream().map(SideBySideProjectionsTest::command).toList();
                // The decisions come in the opposite order: each thread would otherwise lock the other's next row.
                List<RegistrationOutcome> outcomes = new ArrayList<>(ids.stream()
                        .map(SideBySideProjectionsTest::confirmed).toList());
                Collections.reverse(outcomes);

                CyclicBarrier together = new CyclicBarrier(2);
                Future<?> recorded = threads.submit(atOnce(together, () -> registrations.apply(commands)));
                Future<?> decided = threads.submit(atOnce(together, () -> decisions.apply(outcomes)));
                // A deadlock is broken by PostgreSQL after a second, by failing one of the two transactions.
                recorded.get(30, TimeUnit.SECONDS);
                decided.get(30, TimeUnit.SECONDS);

                String in = "'" + String.join("','", ids) + "'";
                assertThat(db.queryForObject("select count(*) from registrations where id in (" + in
                        + ") and status = 'CONFIRMED' and terms_version is not null and decided_at is not null",
                        Integer.class)).as("round %d: decided rows with their command's consents", round)
                        .isEqualTo(ids.size());
                assertThat(db.queryForList("select distinct status from registration_sessions where registration_id in ("
                        + in + ")", String.class)).containsExactly("CONFIRMED");
                assertThat(db.queryForObject("select count(*) from registration_sessions where registration_id in ("
                        + in + ")", Integer.class)).isEqualTo(ids.size());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static Callable<Void> atOnce(CyclicBarrier together, Runnable apply) {
        return () -> {
            together.await(10, TimeUnit.SECONDS);
            apply.run();
            return null;
        };
    }

    private static RegisterAttendee command(String registrationId) {
        return new RegisterAttendee(Schema.newMessageId(), Instant.now().truncatedTo(ChronoUnit.MICROS), Schema.VERSION,
                EVENT, registrationId, new Registrant("Zofia", "Wiśniewska", "zofia@example.org", "IRMiR"),
                List.of("day-1"), "pl", "science", new ConsentRecord("2024-06-01", "2024-05-15", false));
    }

    private static RegistrationDecided confirmed(String registrationId) {
        return new RegistrationDecided(Schema.newMessageId(), Instant.now(), Schema.VERSION, registrationId, EVENT,
                Schema.newMessageId(), Instant.now().minusSeconds(1), RegistrationStatus.CONFIRMED, null,
                List.of(new SessionOutcome("day-1", "day-1", Instant.now(), Instant.now(), SessionStatus.CONFIRMED,
                        null)), null, new Recipient("Zofia", "Wiśniewska", "zofia@example.org", "pl"));
    }
}
