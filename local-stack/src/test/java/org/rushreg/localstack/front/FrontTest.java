package org.rushreg.localstack.front;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The front against two small HTTP servers standing for registration-service instances. */
class FrontTest {

    private final List<HttpServer> instances = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Front front;

    @AfterEach
    void stop() throws Exception {
        if (front != null) {
            front.close();
        }
        instances.forEach(server -> server.stop(0));
    }

    @Test
    void spreadsRequestsOverTheInstancesAndTellsThemTheClient() throws Exception {
        int a = instance("a");
        int b = instance("b");
        int port = freePort();
        front = new Front(port, List.of(a, b), p -> true);
        front.start();

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(get(port, "/api/events?x=" + i));
        }
        assertThat(answers).extracting(answer -> answer.substring(0, 1)).containsExactly("a", "b", "a", "b");
        assertThat(answers).allSatisfy(answer -> assertThat(answer).contains("/api/events?x=").contains("for=127.0.0.1"));
    }

    @Test
    void leavesOutAnInstanceThatIsDown() throws Exception {
        int a = instance("a");
        int b = instance("b");
        int port = freePort();
        Set<Integer> down = ConcurrentHashMap.newKeySet();
        down.add(a);
        front = new Front(port, List.of(a, b), p -> !down.contains(p));
        front.start();

        assertThat(List.of(get(port, "/"), get(port, "/"), get(port, "/"))).allMatch(answer -> answer.startsWith("b"));
        down.clear();
        assertThat(List.of(get(port, "/"), get(port, "/"))).extracting(answer -> answer.substring(0, 1))
                .containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void anInstanceIsReadyOnlyWhileItsReadinessProbeAnswers200() throws Exception {
        int a = instance("a");
        int b = instance("b");
        int gone = freePort();
        Set<Integer> notReady = ConcurrentHashMap.newKeySet();
        readyAnswer = port -> notReady.contains(port) ? 503 : 200;
        try (ReadinessProbe probe = new ReadinessProbe(List.of(a, b, gone), java.time.Duration.ofMillis(50))) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> probe.ready(a) && probe.ready(b));
            assertThat(probe.ready(gone)).as("nothing listens there").isFalse();

            notReady.add(a);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> !probe.ready(a));
            assertThat(probe.ready(b)).isTrue();
        }
    }

    private volatile java.util.function.IntUnaryOperator readyAnswer = port -> 200;

    private String get(int port, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** Answers "{name} {path and query} for={X-Forwarded-For}". */
    private int instance(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/readyz", exchange -> {
            exchange.sendResponseHeaders(readyAnswer.applyAsInt(exchange.getLocalAddress().getPort()), -1);
            exchange.close();
        });
        server.createContext("/", exchange -> {
            byte[] body = (name + " " + exchange.getRequestURI() + " for="
                    + exchange.getRequestHeaders().getFirst("X-Forwarded-For")).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        instances.add(server);
        return server.getAddress().getPort();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
