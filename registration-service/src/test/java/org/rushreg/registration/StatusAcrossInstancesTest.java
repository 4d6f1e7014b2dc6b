package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.SessionStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Several instances of the service (issue 17): decisions are consumed by one instance of the group, yet a status page
 * held open by another instance is updated. The second instance here runs with all its consumers stopped, so every
 * decision is applied by the test's main instance, and the page listens on the second one.
 */
class StatusAcrossInstancesTest extends ServiceTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    private JdbcClient database;

    @Test
    void aStatusPageOnAnInstanceThatConsumedNothingShowsTheDecisionAnotherInstanceApplied() throws Exception {
        String id = register(registration("day-1")).json().path("registrationId").asString();
        awaitRecorded(id);
        try (ConfigurableApplicationContext other = startAnotherInstance();
             StandInServices services = new StandInServices(broker)) {
            int otherPort = portOf(other);
            HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + otherPort + "/registrations/" + id + "/events"))
                            .header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(stream.statusCode()).isEqualTo(200);
            Iterator<String> lines = stream.body().iterator();
            assertThat(nextData(lines)).contains("data-status=\"PENDING\"");

            services.decide(id, Instant.now(), SessionStatus.CONFIRMED, "day-1");

            String update = CompletableFuture.supplyAsync(() -> nextData(lines))
                    .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(update).contains("data-status=\"CONFIRMED\"");
            stream.body().close();
        }
    }

    @Test
    void aStatusPageIsUpdatedAlthoughTheConnectionThatListensForChangesWasCut() throws Exception {
        String id = register(registration("day-1")).json().path("registrationId").asString();
        awaitRecorded(id);
        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/registrations/" + id + "/events"))
                        .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        Iterator<String> lines = stream.body().iterator();
        assertThat(nextData(lines)).contains("data-status=\"PENDING\"");

        // as a database restart or a network cut would: the listening session ends under the service
        assertThat(database.sql("select count(pg_terminate_backend(pid)) from pg_stat_activity where query like 'LISTEN %'")
                .query(Long.class).single()).isPositive();
        try (StandInServices services = new StandInServices(broker)) {
            services.decide(id, Instant.now(), SessionStatus.CONFIRMED, "day-1");
        }

        String update = CompletableFuture.supplyAsync(() -> nextData(lines)).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(update).contains("data-status=\"CONFIRMED\"");
        stream.body().close();
    }

    private static String nextData(Iterator<String> lines) {
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data:")) {
                return line;
            }
        }
        throw new AssertionError("the status stream ended");
    }
}
