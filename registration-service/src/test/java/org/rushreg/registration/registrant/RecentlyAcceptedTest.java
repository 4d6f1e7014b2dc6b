package org.rushreg.registration.registrant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.rushreg.registration.TestClock;
import org.rushreg.registration.registrant.RecentlyAccepted.Use;

/** The instance's memory of the first use of each Idempotency-Key, which answers a reuse without the database. */
class RecentlyAcceptedTest {

    private final TestClock clock = TestClock.frozen();
    private final RecentlyAccepted recent = new RecentlyAccepted(clock);

    @Test
    void aKeyIsFirstUsedOnceThenRepeatedWithTheSameBodyOrRefusedWithAnother() {
        assertThat(recent.claim("r1", "e", List.of("day-1"), "body-a")).isEqualTo(Use.FIRST);
        assertThat(recent.claim("r1", "e", List.of("day-1"), "body-a")).isEqualTo(Use.REPEAT);
        assertThat(recent.claim("r1", "e", List.of("day-2"), "body-b")).isEqualTo(Use.OTHER_BODY);
        assertThat(recent.pending("r1")).get().extracting(RegistrationStatusView::status).isEqualTo("PENDING");
        assertThat(recent.pending("r1").orElseThrow().sessions())
                .as("the first request's sessions, not the refused one's")
                .extracting(RegistrationStatusView.SessionState::sessionId).containsExactly("day-1");
    }

    @Test
    void aFirstUseWhoseSendFailedLeavesTheKeyFreeForACorrectedRetry() {
        assertThat(recent.claim("r1", "e", List.of("day-1"), "body-a")).isEqualTo(Use.FIRST);
        recent.forget("r1");

        assertThat(recent.pending("r1")).as("never accepted, so not PENDING").isEmpty();
        assertThat(recent.claim("r1", "e", List.of("day-2"), "body-b")).isEqualTo(Use.FIRST);
    }

    @Test
    void aKeyIsRememberedForAMinuteOnly() {
        recent.claim("r1", "e", List.of("day-1"), "body-a");
        clock.advance(RecentlyAccepted.KEPT_FOR.plus(Duration.ofMillis(1)));

        assertThat(recent.pending("r1")).isEmpty();
        assertThat(recent.claim("r1", "e", List.of("day-2"), "body-b"))
                .as("forgotten: the capacity service keeps the first command's choice").isEqualTo(Use.FIRST);
    }

    @Test
    void ofManyRequestsRacingWithOneKeyExactlyOneIsTheFirstUse() throws Exception {
        int racers = 32;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 50; round++) {
                String id = "r" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Use>> uses = IntStream.range(0, racers).mapToObj(n -> pool.submit(() -> {
                    start.await();
                    return recent.claim(id, "e", List.of("day-1"), n % 2 == 0 ? "body-a" : "body-b");
                })).toList();
                start.countDown();
                List<Use> answers = uses.stream().map(RecentlyAcceptedTest::get).toList();

                assertThat(answers).as("round " + round).filteredOn(Use.FIRST::equals).hasSize(1);
                assertThat(answers).as("the other body's requests are refused, whichever came first")
                        .filteredOn(Use.OTHER_BODY::equals).hasSize(racers / 2);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Use get(Future<Use> use) {
        try {
            return use.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
