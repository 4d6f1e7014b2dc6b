package org.rushreg.loadtest.rush;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DecisionWatchTest {

    private static final String PENDING = "event:status\ndata:<div class=\"result\"><span id=\"status\" data-status=\"PENDING\">Pending</span></div>\n\n";
    private static final String CONFIRMED = "event:status\ndata:<div class=\"result\"><span id=\"status\" data-status=\"CONFIRMED\">Confirmed</span></div>\n\n";

    private HttpServer service;
    private final AtomicInteger connections = new AtomicInteger();
    private final CountDownLatch decided = new CountDownLatch(1);

    @BeforeEach
    void startService() throws Exception {
        service = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        service.setExecutor(Executors.newCachedThreadPool());
        // r1's page: the first stream is cut after its PENDING (an instance killed), the second pushes the decision
        service.createContext("/registrations/r1/events", exchange -> {
            try (exchange) {
                OutputStream body = open(exchange);
                write(body, PENDING);
                if (connections.incrementAndGet() > 1) {
                    decided.await(30, TimeUnit.SECONDS);
                    write(body, CONFIRMED);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // r2 is never decided: its stream stays open with PENDING
        service.createContext("/registrations/r2/events", exchange -> {
            try (exchange) {
                write(open(exchange), PENDING);
                Thread.sleep(60_000);
            } catch (Exception e) {
                // the watcher closed the stream
            }
        });
        service.start();
    }

    @AfterEach
    void stopService() {
        service.stop(0);
    }

    @Test
    void theLatencyIsFromTheSentRequestToTheDecisionPushedToTheStatusPageOpenedAgainAfterACut() throws Exception {
        try (DecisionWatch watch = watch()) {
            long sent = System.nanoTime();
            watch.accepted(registrant(0), "r1", sent);
            awaitConnections(2);
            long beforeDecision = System.nanoTime();
            decided.countDown();

            List<Long> latencies = watch.sampleLatencies(Duration.ofSeconds(30));

            assertThat(latencies).singleElement().satisfies(nanos -> assertThat(nanos).isGreaterThan(beforeDecision - sent));
            assertThat(connections).hasValue(2);
        }
    }

    @Test
    void onlyEveryNthRegistrationIsWatchedAndAnUndecidedOneEndsWithTheTimeoutUncounted() throws Exception {
        try (DecisionWatch watch = new DecisionWatch(HttpClient.newHttpClient(), base(), "s1", 2)) {
            watch.accepted(registrant(1), "r1", System.nanoTime());
            watch.accepted(registrant(2), "r2", System.nanoTime());

            long start = System.nanoTime();
            assertThat(watch.sampleLatencies(Duration.ofMillis(500))).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(connections).hasValue(0);
        }
    }

    @Test
    void onlyAPushedFragmentWithADecidedStatusCounts() {
        assertThat(DecisionWatch.decidedStatus("data:<span data-status=\"WAITLISTED\">")).isEqualTo("WAITLISTED");
        assertThat(DecisionWatch.decidedStatus("data:<span data-status=\"PENDING\">")).isNull();
        assertThat(DecisionWatch.decidedStatus("event:status")).isNull();
        assertThat(DecisionWatch.decidedStatus("<span data-status=\"CONFIRMED\">")).isNull();
    }

    private DecisionWatch watch() {
        return new DecisionWatch(HttpClient.newHttpClient(), base(), "s1", 1);
    }

    private URI base() {
        return URI.create("http://localhost:" + service.getAddress().getPort());
    }

    private void awaitConnections(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (connections.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(connections.get()).isGreaterThanOrEqualTo(count);
    }

    private static Registrant registrant(int index) {
        return Registrant.plan("t", index + 1, 0, 0).get(index);
    }

    private static OutputStream open(HttpExchange exchange) throws java.io.IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    private static void write(OutputStream body, String event) throws java.io.IOException {
        body.write(event.getBytes(StandardCharsets.UTF_8));
        body.flush();
    }
}
