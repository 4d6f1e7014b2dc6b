package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * One client address gets 300 registration posts per 10 s (the default), then 429 with Retry-After; other
 * addresses are not affected. Posts here are invalid on purpose: they count, and cost no broker round trip.
 */
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
        // The allowance refills every 10 s, so on a slow machine more than 300 can pass; stop at the first 429.
        for (int i = 0; i < 3000 && refused == null; i++) {
            MockHttpServletResponse answer = postFrom("10.20.30.40");
            if (answer.getStatus() == 429) {
                refused = answer;
            } else {
                assertThat(answer.getStatus()).isEqualTo(400);
                allowed++;
            }
        }
        assertThat(allowed).isGreaterThanOrEqualTo(300);
        assertThat(refused).isNotNull();
        assertThat(refused.getHeader("Retry-After")).isEqualTo("10");
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getContentAsString()).contains("\"status\":429");
        assertThat(postFrom("10.20.30.41").getStatus()).isEqualTo(400);
    }

    @Test
    void aFormOverTheAllowanceGetsA429PageWithRetryAfter() throws Exception {
        MockHttpServletResponse refused = null;
        for (int i = 0; i < 3000 && refused == null; i++) {
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
        assertThat(refused.getHeader("Retry-After")).isEqualTo("10");
    }
}
