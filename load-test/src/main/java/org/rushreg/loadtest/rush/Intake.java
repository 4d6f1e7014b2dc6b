package org.rushreg.loadtest.rush;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rushreg.loadtest.stats.Latencies;
import org.rushreg.loadtest.stats.Timeline;

/**
 * The sending side of a rush: {@code concurrency} clients, each a platform thread that sends its next request as
 * soon as the previous one is answered (a closed loop, so "64 clients" means 64 requests in flight at most).
 * Platform threads, not virtual ones: 64 blocking threads cost nothing, and the tool then runs on Java 17 too.
 *
 * <p>A client that gets 503, 502, 504, 429 or 409 (or no connection) does what a well-behaved client does: it waits the
 * {@code Retry-After} and sends the same request with the same {@code Idempotency-Key} again, until
 * {@code retryFor} has passed. Every attempt is measured.
 */
public final class Intake {

    /** Told about each registration the moment it is accepted, e.g. to watch for its decision. */
    public interface Listener {
        void accepted(Registrant registrant, String registrationId, long sentNanos);
    }

    private static final Pattern ID = Pattern.compile("\"registrationId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http;
    private final URI postUrl;
    private final String sessionId;
    private final int concurrency;
    private final double rate;
    private final Duration retryFor;
    private final Timeline timeline;
    private final Listener listener;

    private final Map<Integer, String> primaryIds = new ConcurrentHashMap<>();
    private final Map<Integer, String> answeredStatus = new ConcurrentHashMap<>();
    private final Map<Integer, String> repeatIds = new ConcurrentHashMap<>();
    private final Map<Integer, String> secondIds = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    private final AtomicLong lastAnswer = new AtomicLong();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private long startNanos;

    /**
     * @param rate requests per second to pace the first requests at; 0 sends as fast as the clients can
     */
    public Intake(HttpClient http, URI postUrl, String sessionId, int concurrency, double rate, Duration retryFor,
                  Timeline timeline, Listener listener) {
        this.http = http;
        this.postUrl = postUrl;
        this.sessionId = sessionId;
        this.concurrency = concurrency;
        this.rate = rate;
        this.retryFor = retryFor;
        this.timeline = timeline;
        this.listener = listener;
    }

    /** What the clients saw. Ids are by registrant index. */
    public record Result(Map<Integer, String> primaryIds, Map<Integer, String> answeredStatus,
                         Map<Integer, String> repeatIds, Map<Integer, String> secondIds,
                         Map<Integer, Integer> statuses, Latencies latency, int accepted, int failedRegistrants,
                         long startNanos, long endNanos) {

        public double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        public double acceptedPerSecond() {
            return accepted / seconds();
        }

        public int requests() {
            return statuses.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    public Result run(List<Registrant> registrants, long runStartNanos) throws InterruptedException {
        startNanos = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "client");
            t.setDaemon(true);
            return t;
        });
        for (int c = 0; c < concurrency; c++) {
            clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < registrants.size(); i = next.getAndIncrement()) {
                    pace(i);
                    register(registrants.get(i), runStartNanos);
                }
            });
        }
        clients.shutdown();
        clients.awaitTermination(1, TimeUnit.DAYS);
        Map<Integer, Integer> byStatus = new TreeMap<>();
        statuses.forEach((status, count) -> byStatus.put(status, count.get()));
        return new Result(Map.copyOf(primaryIds), Map.copyOf(answeredStatus), Map.copyOf(repeatIds),
                Map.copyOf(secondIds), byStatus, Latencies.ofNanos(latencies), accepted.get(), failed.get(),
                startNanos, lastAnswer.get());
    }

    private void pace(int index) {
        if (rate <= 0) {
            return;
        }
        long due = startNanos + (long) (index / rate * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void register(Registrant registrant, long runStartNanos) {
        String body = registrant.body(sessionId);
        long sent = System.nanoTime();
        Answer first = send(body, registrant.idempotencyKey(), runStartNanos);
        if (first == null) {
            failed.incrementAndGet();
            return;
        }
        primaryIds.put(registrant.index(), first.id);
        if (first.status != null) {
            answeredStatus.put(registrant.index(), first.status);
        }
        listener.accepted(registrant, first.id, sent);
        if (registrant.repeatsWithSameKey()) {
            Answer repeat = send(body, registrant.idempotencyKey(), runStartNanos);
            if (repeat != null) {
                repeatIds.put(registrant.index(), repeat.id);
            }
        }
        if (registrant.submitsTwice()) {
            Answer second = send(body, registrant.secondKey(), runStartNanos);
            if (second != null) {
                secondIds.put(registrant.index(), second.id);
            }
        }
    }

    private record Answer(String id, String status) {
    }

    /** One request until it is accepted, refused for good, or the retry time is up; null unless accepted. */
    private Answer send(String body, String key, long runStartNanos) {
        long giveUp = System.nanoTime() + retryFor.toNanos();
        while (true) {
            HttpRequest request = HttpRequest.newBuilder(postUrl)
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            long began = System.nanoTime();
            int status;
            String answer = "";
            Duration retryAfter = Duration.ofSeconds(1);
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                answer = response.body();
                retryAfter = response.headers().firstValue("Retry-After").map(Intake::seconds).orElse(retryAfter);
            } catch (IOException e) {
                status = 0; // no answer: refused, reset or timed out
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            long ended = System.nanoTime();
            lastAnswer.accumulateAndGet(ended, Math::max);
            boolean ok = status == 200 || status == 202;
            latencies.add(ended - began);
            timeline.answered((ended - runStartNanos) / 1e6, (ended - began) / 1e6, ok);
            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            if (ok) {
                Matcher id = ID.matcher(answer);
                if (!id.find()) {
                    throw new IllegalStateException("a " + status + " answer without a registrationId: " + answer);
                }
                accepted.incrementAndGet();
                Matcher decided = STATUS.matcher(answer);
                return new Answer(id.group(1), decided.find() ? decided.group(1) : null);
            }
            // 409: a repeat overtook the first request with its Idempotency-Key; retrying gets the first one's answer.
            // 502 and 504: a balancer in front lost the instance under the request; the same key makes the retry safe.
            boolean retriable = status == 0 || status == 409 || status == 429 || status == 502 || status == 503
                    || status == 504;
            if (!retriable || System.nanoTime() > giveUp) {
                return null;
            }
            try {
                Thread.sleep(retryAfter.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    private static Duration seconds(String retryAfter) {
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }
}
