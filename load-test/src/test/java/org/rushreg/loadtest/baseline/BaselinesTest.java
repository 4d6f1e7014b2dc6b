package org.rushreg.loadtest.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rushreg.loadtest.rush.Intake;
import org.rushreg.loadtest.rush.Registrant;
import org.rushreg.loadtest.stats.Timeline;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A small rush against both baselines in this JVM, the lock-based peer on a real PostgreSQL. */
class BaselinesTest {

    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext server;
    private static URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        String jdbc = Baselines.lockPeerDatabase("jdbc:postgresql://localhost:" + postgres.getPort() + "/");
        server = BaselineServer.start(0, jdbc);
        base = URI.create("http://localhost:" + ((WebServerApplicationContext) server).getWebServer().getPort());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        postgres.close();
    }

    @Test
    void theCeilingAcceptsEveryRequestAndRepeatsAreMeasuredToo() throws Exception {
        Intake.Result ceiling = new Baselines(http, 8, 0.1, 0.1, null).ceiling(base, 300, 20).intake();

        assertThat(ceiling.primaryIds()).hasSize(300);
        assertThat(ceiling.statuses()).containsOnlyKeys(202);
        assertThat(ceiling.requests()).isEqualTo(300 + ceiling.repeatIds().size() + ceiling.secondIds().size());
        assertThat(ceiling.latency().count()).isEqualTo(ceiling.requests());
        assertThat(ceiling.acceptedPerSecond()).isPositive();
    }

    @Test
    void theLockPeerGivesExactlyItsSeatsAndTurnsSecondSubmitsAway() throws Exception {
        Baselines.LockResult lock = new Baselines(http, 16, 0.1, 0.1, null).lockPeer(base, 50, 400, 10);

        assertThat(lock.confirmed()).isEqualTo(50);
        assertThat(lock.waitlisted()).isEqualTo(350);
        assertThat(lock.intake().secondIds()).isNotEmpty();
        assertThat(lock.intake().statuses()).containsOnlyKeys(200);
        // a repeat with the same key answers the first registration, not a new one
        assertThat(lock.intake().repeatIds()).allSatisfy((i, id) -> assertThat(id).isEqualTo(lock.intake().primaryIds().get(i)));
    }

    @Test
    void pacedClientsSendNoFasterThanTheRate() throws Exception {
        List<Registrant> plan = Registrant.plan("paced", 20, 0, 0);
        long began = System.nanoTime();
        Intake.Result paced = new Intake(http, base.resolve("/ceiling/events/e/registrations"), "main", 4, 40,
                Duration.ZERO, new Timeline(), (r, id, sent) -> { }).run(plan, began);

        assertThat(paced.accepted()).isEqualTo(20);
        // the 20th request is due 19/40 s after the first
        assertThat((System.nanoTime() - began) / 1e9).isGreaterThanOrEqualTo(19 / 40.0);
    }
}
