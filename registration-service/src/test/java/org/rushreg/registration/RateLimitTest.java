package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * One client address gets 300 registration posts per period, then 429 with Retry-After; other addresses are not
 * affected. Posts here are invalid on purpose: they count, and cost no broker round trip. The period is ten
 * minutes here instead of the default 10 s, so that a slow machine cannot see the allowance refill mid-test.
 */
@DirtiesContext
@TestPropertySource(properties = {"rushreg.test.context=rate-limit", "rushreg.rate-limit.period=10m"})
class RateLimitTest extends ServiceTestSupport {

    @Autowired
    MockMvc mvc;

    private MockHttpServletResponse postFrom(String address) throws Exception {
        return mvc.perform(post("/api/events/" + EVENT + "/registrations").contentType("application/json")
                        .content("{}").with(request -> {
                            request.setRemoteAddr(address);
                            return request;
                        }))
                .andReturn().getResponse();
    }

    @Test
    void aClientOverItsAllowanceGets429WithRetryAfterAndOthersDoNot() throws Exception {
        int allowed = 0;
        MockHttpServletResponse refused = null;
        Instant firstPost = Instant.now();
        for (int i = 0; i < 400 && refused == null; i++) {
            MockHttpServletResponse answer = postFrom("10.20.30.40");
            if (answer.getStatus() == 429) {
                refused = answer;
            } else {
                assertThat(answer.getStatus()).isEqualTo(400);
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(300);
        assertThat(refused).isNotNull();
        assertRetryAfterIsTheRestOfThePeriod(refused, firstPost);
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getContentAsString()).contains("\"status\":429");
        assertThat(postFrom("10.20.30.41").getStatus()).isEqualTo(400);
    }

    @Test
    void aFormOverTheAllowanceGetsA429PageWithRetryAfter() throws Exception {
        MockHttpServletResponse refused = null;
        Instant firstPost = Instant.now();
        for (int i = 0; i < 400 && refused == null; i++) {
            MockHttpServletResponse answer = mvc.perform(post("/events/" + EVENT).accept("text/html")
                    .with(request -> {
                        request.setRemoteAddr("10.20.30.50");
                        return request;
                    })).andReturn().getResponse();
            if (answer.getStatus() == 429) {
                refused = answer;
            }
        }
        assertThat(refused).isNotNull();
        assertRetryAfterIsTheRestOfThePeriod(refused, firstPost);
    }

    /**
     * The allowance comes back whole one period (10 min) after the client's first post, so Retry-After is what is
     * left of it: at most the period, less at least the time the posts took (seconds on a busy machine).
     */
    private static void assertRetryAfterIsTheRestOfThePeriod(MockHttpServletResponse refused, Instant firstPost) {
        long took = Duration.between(firstPost, Instant.now()).toSeconds();
        assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(600L - took - 1, 600L);
    }
}
