package org.rushreg.loadtest.rush;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Counts the emails of a run in the local stack's inbox, from its compact delivery list
 * ({@code GET /api/deliveries}: id, recipients and time received of every email, without the bodies), so that
 * twenty thousand addresses are checked with one request instead of one each.
 */
public final class MailWatch {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One email as the inbox received it. */
    public record Delivery(String to, Instant receivedAt) {
    }

    private final HttpClient http;
    private final URI inbox;

    public MailWatch(HttpClient http, URI inbox) {
        this.http = http;
        this.inbox = inbox;
    }

    /** Every delivery to one of {@code addresses} (lower case). */
    public List<Delivery> deliveries(Set<String> addresses) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(inbox.resolve("/api/deliveries"))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("the inbox answered " + r.statusCode() + " on " + inbox.resolve("/api/deliveries")
                    + "; is it the local stack's inbox (local-stack.jar of this build)?");
        }
        List<Delivery> found = new ArrayList<>();
        for (JsonNode message : JSON.readTree(r.body())) {
            for (JsonNode to : message.path("to")) {
                String address = to.asString("").toLowerCase();
                if (addresses.contains(address)) {
                    found.add(new Delivery(address, Instant.parse(message.path("receivedAt").asString())));
                }
            }
        }
        return found;
    }

    public static Map<String, Integer> countByAddress(List<Delivery> deliveries) {
        Map<String, Integer> counts = new HashMap<>();
        deliveries.forEach(d -> counts.merge(d.to(), 1, Integer::sum));
        return counts;
    }

    /**
     * Polls until every address has at least its expected number of emails or {@code timeout} passes, then keeps
     * watching for {@code settle} so that a late duplicate is still caught.
     */
    public List<Delivery> await(Map<String, Integer> expected, Duration timeout, Duration settle)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Delivery> found = deliveries(expected.keySet());
        while (!complete(expected, found) && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            found = deliveries(expected.keySet());
        }
        Thread.sleep(settle.toMillis());
        return deliveries(expected.keySet());
    }

    private static boolean complete(Map<String, Integer> expected, List<Delivery> found) {
        Map<String, Integer> counts = countByAddress(found);
        return expected.entrySet().stream().allMatch(e -> counts.getOrDefault(e.getKey(), 0) >= e.getValue());
    }
}
