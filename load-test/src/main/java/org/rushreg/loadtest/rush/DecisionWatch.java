package org.rushreg.loadtest.rush;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads decisions from the status API ({@code GET /api/registrations/{id}}).
 *
 * <p>During the rush a sample of the accepted registrations is polled by two threads (so the watching itself
 * adds at most two clients of load), each sample at most every 50 ms: the time from sending the request to first
 * seeing its decision is the decision latency, an upper bound by the polling gap. After the rush every
 * registration is read until none is pending.
 */
public final class DecisionWatch implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long MIN_GAP = Duration.ofMillis(50).toNanos();

    private final HttpClient http;
    private final URI base;
    private final String sessionId;
    private final int sampleEvery;
    private final ConcurrentLinkedQueue<long[]> pendingSamples = new ConcurrentLinkedQueue<>();
    private final Map<Long, String> sampleIds = new ConcurrentHashMap<>();
    private final List<Long> sampleLatencies = new ArrayList<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final ExecutorService pollers = Executors.newFixedThreadPool(2);
    private long nextSampleKey;

    public DecisionWatch(HttpClient http, URI base, String sessionId, int sampleEvery) {
        this.http = http;
        this.base = base;
        this.sessionId = sessionId;
        this.sampleEvery = sampleEvery;
        for (int i = 0; i < 2; i++) {
            pollers.submit(this::pollSamples);
        }
    }

    /** Called for every accepted registration; every {@code sampleEvery}-th one is watched. */
    public void accepted(Registrant registrant, String registrationId, long sentNanos) {
        if (sampleEvery <= 0 || registrant.index() % sampleEvery != 0) {
            return;
        }
        long key;
        synchronized (this) {
            key = nextSampleKey++;
        }
        sampleIds.put(key, registrationId);
        // [key, sentNanos, lastPolledNanos]
        pendingSamples.add(new long[]{key, sentNanos, 0});
    }

    private void pollSamples() {
        while (!stopped.get() || !pendingSamples.isEmpty()) {
            long[] sample = pendingSamples.poll();
            if (sample == null) {
                sleep(10);
                continue;
            }
            long sinceLast = System.nanoTime() - sample[2];
            if (sinceLast < MIN_GAP) {
                pendingSamples.add(sample);
                sleep(1);
                continue;
            }
            sample[2] = System.nanoTime();
            Decision decision = read(sampleIds.get(sample[0]));
            if (decision != null && !decision.pending()) {
                synchronized (sampleLatencies) {
                    sampleLatencies.add(decision.seenNanos() - sample[1]);
                }
            } else if (!stopped.get()) {
                pendingSamples.add(sample);
            }
        }
    }

    /** Waits until every sample is decided (or {@code timeout}), then stops polling samples. */
    public List<Long> sampleLatencies(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pendingSamples.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        stopped.set(true);
        synchronized (sampleLatencies) {
            return List.copyOf(sampleLatencies);
        }
    }

    /**
     * Reads every id until it is decided or {@code timeout} passes; the answer holds the last state of each, with
     * the time each was first seen decided.
     */
    public Map<String, Decision> awaitAll(Collection<String> ids, Duration timeout, int threads) throws InterruptedException {
        Map<String, Decision> decided = new ConcurrentHashMap<>();
        Map<String, Decision> last = new ConcurrentHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> pending = new ArrayList<>(ids);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                List<String> round = pending;
                var futures = round.stream().map(id -> pool.submit(() -> {
                    Decision d = read(id);
                    if (d != null) {
                        last.put(id, d);
                        if (!d.pending()) {
                            decided.putIfAbsent(id, d);
                        }
                    }
                })).toList();
                for (var f : futures) {
                    try {
                        f.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new IllegalStateException(e.getCause());
                    }
                }
                pending = round.stream().filter(id -> !decided.containsKey(id)).toList();
                if (!pending.isEmpty()) {
                    Thread.sleep(100);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, Decision> result = new ConcurrentHashMap<>(last);
        result.putAll(decided);
        return result;
    }

    /** The state of one registration, or null if the API did not answer it. */
    Decision read(String id) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/registrations/" + id))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            long seen = System.nanoTime();
            if (r.statusCode() != 200) {
                return null;
            }
            JsonNode json = JSON.readTree(r.body());
            Integer position = null;
            for (JsonNode session : json.path("sessions")) {
                if (session.path("sessionId").asString("").equals(sessionId) && session.hasNonNull("waitlistPosition")) {
                    position = session.get("waitlistPosition").asInt();
                }
            }
            return new Decision(json.path("status").asString(null), json.path("reason").asString(null), position, seen);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopped.set(true);
        pollers.shutdownNow();
        try {
            pollers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
