package org.rushreg.localstack.front;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Which registration instances answer their readiness probe ({@code GET /readyz} → 200), asked every
 * {@code every}, as a load balancer's health check does. A process that is alive is not yet ready: restarted after a
 * crash, it takes seconds (on a busy machine minutes) before it listens, and requests sent to it meanwhile would
 * fail with 502.
 */
public final class ReadinessProbe implements AutoCloseable {

    private final List<Integer> ports;
    private final Set<Integer> ready = ConcurrentHashMap.newKeySet();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "front-readiness");
        thread.setDaemon(true);
        return thread;
    });

    public ReadinessProbe(List<Integer> ports, Duration every) {
        this.ports = List.copyOf(ports);
        clock.scheduleWithFixedDelay(this::probeAll, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the instance on this port answered its last probe as ready. */
    public boolean ready(int port) {
        return ready.contains(port);
    }

    private void probeAll() {
        for (int port : ports) {
            if (probe(port)) {
                ready.add(port);
            } else {
                ready.remove(port);
            }
        }
    }

    private boolean probe(int port) {
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/readyz"))
                    .timeout(Duration.ofSeconds(1)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}
