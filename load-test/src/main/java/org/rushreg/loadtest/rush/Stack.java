package org.rushreg.loadtest.rush;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The running registration-service as the tool sees it: the event's session and its live counters. */
public final class Stack {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A session's seats as {@code GET /api/events/{id}} reports them. */
    public record Session(int capacity, int confirmed, int waitlisted) {
        public int decided() {
            return confirmed + waitlisted;
        }
    }

    private final HttpClient http;
    private final URI base;

    public Stack(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
    }

    /** The session, or null when the event or session does not exist (or the service does not answer). */
    public Session session(String eventId, String sessionId) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/events/" + eventId))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return null;
            }
            for (JsonNode s : JSON.readTree(r.body()).path("sessions")) {
                if (s.path("id").asString("").equals(sessionId)) {
                    return new Session(s.path("capacity").asInt(), s.path("confirmed").asInt(0), s.path("waitlisted").asInt(0));
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Fails with what to do when the event is not there as the run needs it: seeded, with these seats, unused. */
    public Session checkFresh(String eventId, String sessionId, int seats) {
        Session session = session(eventId, sessionId);
        if (session == null) {
            throw new IllegalStateException("No event " + eventId + " with session " + sessionId + " on " + base
                    + ". Seed it and start the local stack with it (see load-test/README.md):\n"
                    + "  java -jar load-test/target/load-test.jar seed --dir /tmp/rush-seed --seats " + seats + "\n"
                    + "  CATALOGUE_SEED='file:/tmp/rush-seed/*.yml' RATE_LIMIT_PER_CLIENT=0 java -jar local-stack/target/local-stack.jar --fresh");
        }
        if (session.capacity() != seats) {
            throw new IllegalStateException("Event " + eventId + " has " + session.capacity() + " seats, not " + seats
                    + "; pass --seats " + session.capacity() + " or seed it again with --seats " + seats);
        }
        if (session.decided() != 0) {
            throw new IllegalStateException("Event " + eventId + " already has " + session.decided()
                    + " registrations; the checks need an unused event: restart the local stack with --fresh");
        }
        return session;
    }
}
