package org.rushreg.loadtest.rush;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MailWatchTest {

    // the local stack's GET /api/deliveries: anna's email twice (the same Message-ID), one without an id to jan
    private static final String DELIVERIES = """
            [{"id":"00000001","to":["Anna@Example.org"],"receivedAt":"2026-11-27T01:27:00.06Z","messageId":"<d1@rushreg>"},
             {"id":"00000002","to":["ola@example.org"],"receivedAt":"2026-11-27T01:27:01Z","messageId":"<d2@rushreg>"},
             {"id":"00000003","to":["anna@example.org"],"receivedAt":"2026-11-27T01:32:19Z","messageId":"<d1@rushreg>"},
             {"id":"00000004","to":["jan@example.org"],"receivedAt":"2026-11-27T01:32:20Z","messageId":null}]
            """;

    private HttpServer inbox;
    private MailWatch watch;
    private final List<String> queries = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile String answer = DELIVERIES;

    @BeforeEach
    void startInbox() throws Exception {
        inbox = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        inbox.createContext("/api/deliveries", exchange -> {
            queries.add(exchange.getRequestURI().getQuery());
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (exchange) {
                exchange.getResponseBody().write(body);
            }
        });
        inbox.start();
        watch = new MailWatch(HttpClient.newHttpClient(), URI.create("http://localhost:" + inbox.getAddress().getPort()));
    }

    @AfterEach
    void stopInbox() {
        inbox.stop(0);
    }

    @Test
    void readsEachDeliverysMessageIdAndCountsARepeatApartFromTheDistinctEmails() throws Exception {
        List<MailWatch.Delivery> found = watch.await(Map.of("anna@example.org", 1, "jan@example.org", 1),
                Duration.ofSeconds(30), Duration.ZERO);

        assertThat(found).extracting(MailWatch.Delivery::messageId).containsExactly("<d1@rushreg>", "<d1@rushreg>", null);
        assertThat(MailWatch.countByAddress(found))
                .containsEntry("anna@example.org", new MailWatch.Received(1, 1))
                .containsEntry("jan@example.org", new MailWatch.Received(1, 0))
                .hasSize(2);
    }

    @Test
    void eachPollAsksOnlyForWhatCameAfterTheLastDeliveryReadAndReadsEachDeliveryOnce() throws Exception {
        Set<String> anna = Set.of("anna@example.org");
        assertThat(watch.deliveries(anna)).hasSize(2);

        // this fake inbox ignores ?after= and answers the whole list again, with one new email: it is added once
        answer = DELIVERIES.substring(0, DELIVERIES.lastIndexOf(']')) + ",{\"id\":\"00000005\",\"to\":[\"anna@example.org\"],"
                + "\"receivedAt\":\"2026-11-27T01:33:00Z\",\"messageId\":\"<d3@rushreg>\"}]";
        List<MailWatch.Delivery> again = watch.deliveries(anna);

        assertThat(again).extracting(MailWatch.Delivery::messageId).containsExactly("<d1@rushreg>", "<d1@rushreg>", "<d3@rushreg>");
        assertThat(queries).containsExactly("after=0", "after=4");
    }

    @Test
    void anAddressIsCompleteWithItsDistinctEmailsNotWithARepeat() {
        var anna = new MailWatch.Delivery("anna@example.org", "<d1@rushreg>", Instant.EPOCH);
        var again = new MailWatch.Delivery("anna@example.org", "<d1@rushreg>", Instant.EPOCH);
        var second = new MailWatch.Delivery("anna@example.org", "<d2@rushreg>", Instant.EPOCH);

        assertThat(MailWatch.complete(Map.of("anna@example.org", 2), List.of(anna, again))).isFalse();
        assertThat(MailWatch.complete(Map.of("anna@example.org", 2), List.of(anna, again, second))).isTrue();
        assertThat(MailWatch.complete(Map.of("anna@example.org", 1, "jan@example.org", 1), List.of(anna))).isFalse();
    }
}
