package org.rushreg.loadtest.rush;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches decisions the way people see them.
 *
 * <p>During the rush every {@code sampleEvery}-th accepted registration is watched on its status page's live
 * stream ({@code GET /registrations/{id}/events}, the SSE that the page's browser opens), one connection each: the
 * time from sending the request to the first pushed fragment with a decided status is the decision latency as
 * the registrant sees it, with no polling gap in it and no load beyond an open page's. A stream that ends or
 * fails before the decision (a killed instance) is opened again, as a browser's EventSource does. After the rush
 * every registration is read from the status API until none is pending.
 */
public final class DecisionWatch implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern STATUS = Pattern.compile("data-status=\"([A-Z_]+)\"");
    private static final long RECONNECT_MILLIS = 200;

    private final HttpClient http;
    private final URI base;
    private final String sessionId;
    private final int sampleEvery;
    private final List<Long> sampleLatencies = new ArrayList<>();
    private final Set<Stream<String>> openStreams = ConcurrentHashMap.newKeySet();
    private final AtomicInteger watching = new AtomicInteger();
    private final AtomicBoolean stopped = new AtomicBoolean();
    /** A thread per watched page, blocked on its stream (as many as are undecided at once: tens, hundreds at worst). */
    private final ExecutorService watchers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "decision-watch");
        thread.setDaemon(true);
        return thread;
    });

    public DecisionWatch(HttpClient http, URI base, String sessionId, int sampleEvery) {
        this.http = http;
        this.base = base;
        this.sessionId = sessionId;
        this.sampleEvery = sampleEvery;
    }

    /** Called for every accepted registration; every {@code sampleEvery}-th one is watched. */
    public void accepted(Registrant registrant, String registrationId, long sentNanos) {
        if (sampleEvery <= 0 || registrant.index() % sampleEvery != 0 || stopped.get()) {
            return;
        }
        watching.incrementAndGet();
        watchers.submit(() -> {
            try {
                watch(registrationId, sentNanos);
            } finally {
                watching.decrementAndGet();
            }
        });
    }

    private void watch(String registrationId, long sentNanos) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/registrations/" + registrationId + "/events"))
                .header("Accept", "text/event-stream").header("Accept-Language", "en").GET().build();
        while (!stopped.get()) {
            try {
                HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
                Stream<String> lines = response.body();
                openStreams.add(lines);
                try (lines) {
                    if (response.statusCode() == 200) {
                        Optional<Long> seen = lines.filter(line -> decidedStatus(line) != null).findFirst()
                                .map(line -> System.nanoTime());
                        if (seen.isPresent()) {
                            synchronized (sampleLatencies) {
                                sampleLatencies.add(seen.get() - sentNanos);
                            }
                            return;
                        }
                    }
                } finally {
                    openStreams.remove(lines);
                }
            } catch (IOException | UncheckedIOException e) {
                // the instance went away or the stream was cut: open it again below, as a browser would
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sleep(RECONNECT_MILLIS);
        }
    }

    /** The decided status a pushed status fragment shows, or null for any other line (and for PENDING). */
    static String decidedStatus(String line) {
        if (!line.startsWith("data:")) {
            return null;
        }
        Matcher status = STATUS.matcher(line);
        return status.find() && !"PENDING".equals(status.group(1)) ? status.group(1) : null;
    }

    /** Waits until every watched sample has seen its decision (or {@code timeout}), then stops watching. */
    public List<Long> sampleLatencies(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (watching.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        stopWatching();
        synchronized (sampleLatencies) {
            return List.copyOf(sampleLatencies);
        }
    }

    private void stopWatching() {
        stopped.set(true);
        openStreams.forEach(Stream::close);
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
        stopWatching();
        watchers.shutdownNow();
        try {
            watchers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
