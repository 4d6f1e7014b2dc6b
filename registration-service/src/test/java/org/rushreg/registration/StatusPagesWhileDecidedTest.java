package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.SessionStatus;

/**
 * Status pages that connect while their decisions are being applied, as in a rush (the page opens a moment after
 * the 202, when the decision often lands): every page shows its decision without a reconnect, whether the decision
 * was applied before, during or after its connect.
 */
class StatusPagesWhileDecidedTest extends ServiceTestSupport {

    private static final int PAGES = 60;

    @Test
    void everyPageConnectingAsItsDecisionIsAppliedEndsWithTheDecision() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < PAGES; i++) {
            ids.add(register(registration("day-1")).json().path("registrationId").asString());
        }
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pages = Executors.newFixedThreadPool(PAGES, task -> {
            Thread page = new Thread(task, "status-page");
            page.setDaemon(true);
            return page;
        });
        try (StandInServices services = new StandInServices(broker)) {
            List<CompletableFuture<String>> seen = new ArrayList<>();
            for (String id : ids) {
                seen.add(CompletableFuture.supplyAsync(() -> decisionShown(http, id), pages));
                services.decide(id, Instant.now(), SessionStatus.CONFIRMED, "day-1");
            }
            for (CompletableFuture<String> page : seen) {
                assertThat(page.get(60, TimeUnit.SECONDS)).contains("data-status=\"CONFIRMED\"");
            }
        } finally {
            pages.shutdownNow();
        }
    }

    /** The first pushed fragment with a decided status, read from one connection (no reconnect). */
    private String decisionShown(HttpClient http, String id) {
        try {
            HttpResponse<Stream<String>> stream = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/registrations/" + id + "/events"))
                            .header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines());
            try (Stream<String> lines = stream.body()) {
                return lines.filter(line -> line.startsWith("data:") && !line.contains("data-status=\"PENDING\""))
                        .findFirst().orElse("the stream ended without a decision");
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
