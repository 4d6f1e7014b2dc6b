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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Counts the emails of a run in the local stack's inbox, from its compact delivery list
 * ({@code GET /api/deliveries}: id, recipients, time received and Message-ID of every email, without the bodies),
 * so that twenty thousand addresses are checked with one request instead of one each.
 *
 * <p>An email is counted once per distinct Message-ID: the notification-service gives every email of a decision
 * the same one, so a delivery that repeats a Message-ID is the same email again (sent twice across a crash,
 * decision 0010), counted apart as a repeat. A delivery without a Message-ID counts as a distinct email.
 */
public final class MailWatch {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One email as the inbox received it; {@code messageId} null if it had none. */
    public record Delivery(String to, String messageId, Instant receivedAt) {
    }

    /**
     * What one address received: {@code distinct} emails (by Message-ID) and {@code repeated} deliveries of an email
     * it already had.
     */
    public record Received(int distinct, int repeated) {
    }

    private final HttpClient http;
    private final URI inbox;
    /** Every delivery read so far, one per recipient; each poll adds only what came after {@code lastId}. */
    private final List<Delivery> seen = new ArrayList<>();
    private long lastId;

    public MailWatch(HttpClient http, URI inbox) {
        this.http = http;
        this.inbox = inbox;
    }

    /**
     * Every delivery to one of {@code addresses} (lower case). Asks the inbox only for the deliveries after the last
     * one already read ({@code ?after=<id>}): with tens of thousands of emails in it, reading the whole list every
     * two seconds would cost the inbox's JVM more CPU than the emails themselves, and that JVM is counted in the
     * system's CPU figures. An inbox that ignores {@code after} answers everything, and what was read is skipped.
     */
    public synchronized List<Delivery> deliveries(Set<String> addresses) throws IOException, InterruptedException {
        URI url = inbox.resolve("/api/deliveries?after=" + lastId);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("the inbox answered " + r.statusCode() + " on " + url
                    + "; is it the local stack's inbox (local-stack.jar of this build)?");
        }
        long newest = lastId;
        for (JsonNode message : JSON.readTree(r.body())) {
            long id = Long.parseLong(message.path("id").asString("0"));
            if (id <= lastId) {
                continue;
            }
            newest = Math.max(newest, id);
            String messageId = message.path("messageId").isString() ? message.path("messageId").asString() : null;
            Instant receivedAt = Instant.parse(message.path("receivedAt").asString());
            for (JsonNode to : message.path("to")) {
                seen.add(new Delivery(to.asString("").toLowerCase(), messageId, receivedAt));
            }
        }
        lastId = newest;
        return seen.stream().filter(d -> addresses.contains(d.to())).toList();
    }

    public static Map<String, Received> countByAddress(List<Delivery> deliveries) {
        Map<String, Set<String>> seen = new HashMap<>();
        Map<String, Received> counts = new HashMap<>();
        for (Delivery d : deliveries) {
            boolean again = d.messageId() != null && !seen.computeIfAbsent(d.to(), a -> new HashSet<>()).add(d.messageId());
            counts.merge(d.to(), again ? new Received(0, 1) : new Received(1, 0),
                    (a, b) -> new Received(a.distinct() + b.distinct(), a.repeated() + b.repeated()));
        }
        return counts;
    }

    /**
     * Polls until every address has at least its expected number of distinct emails or {@code timeout} passes, then
     * keeps watching for {@code settle} so that a late extra email or repeat is still caught.
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

    /** Whether every address has its expected number of distinct emails (a repeat does not count). */
    static boolean complete(Map<String, Integer> expected, List<Delivery> found) {
        Map<String, Received> counts = countByAddress(found);
        return expected.entrySet().stream().allMatch(e ->
                counts.getOrDefault(e.getKey(), new Received(0, 0)).distinct() >= e.getValue());
    }
}
