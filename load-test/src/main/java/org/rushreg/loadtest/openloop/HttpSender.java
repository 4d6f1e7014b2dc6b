package org.rushreg.loadtest.openloop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rushreg.loadtest.rush.Registrant;

/**
 * Sends each arrival as a new person's registration with {@code HttpClient.sendAsync}, so that many requests can
 * be in flight without a thread each (and the tool stays on Java 17).
 */
final class HttpSender implements OpenLoop.Sender {

    private static final Pattern ID = Pattern.compile("\"registrationId\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http;
    private final URI postUrl;
    private final String sessionId;
    private final String runId;

    HttpSender(HttpClient http, URI postUrl, String sessionId, String runId) {
        this.http = http;
        this.postUrl = postUrl;
        this.sessionId = sessionId;
        this.runId = runId;
    }

    /** The person of an arrival: new for every request, so that every request is a registration of its own. */
    static Registrant person(String runId, Step step, int index) {
        String name = "o" + (step.warmUp() ? "w" : String.valueOf(step.index())) + "-" + index + "." + runId;
        return new Registrant(index, name + "@example.org", name, index % 4 == 0 ? "en" : "pl", false, false);
    }

    @Override
    public CompletableFuture<Answer> send(Step step, int index) {
        Registrant person = person(runId, step, index);
        HttpRequest request = HttpRequest.newBuilder(postUrl)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", person.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofString(person.body(sessionId)))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> {
                    Matcher id = ID.matcher(r.body());
                    return new Answer(r.statusCode(), id.find() ? id.group(1) : null);
                })
                .exceptionally(failure -> new Answer(0, null));
    }
}
