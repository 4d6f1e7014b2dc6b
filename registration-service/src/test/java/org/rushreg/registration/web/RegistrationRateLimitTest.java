package org.rushreg.registration.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The filter alone, on servlet test doubles: which requests count, and how a client is told to wait. */
class RegistrationRateLimitTest {

    private final RegistrationRateLimit limit =
            new RegistrationRateLimit(new RateLimitProperties(2, Duration.ofMinutes(10), 1_000));

    private int post(String rawPath, String address) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", rawPath);
        request.setRemoteAddr(address);
        MockHttpServletResponse response = new MockHttpServletResponse();
        limit.doFilter(request, response, new MockFilterChain());
        return response.getStatus();
    }

    @Test
    void aClientOverItsAllowanceGets429WithRetryAfter() throws Exception {
        assertThat(post("/api/events/kongres-2024/registrations", "192.0.2.1")).isEqualTo(200);
        assertThat(post("/api/events/kongres-2024/registrations", "192.0.2.1")).isEqualTo(200);
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/events/kongres-2024/registrations");
        request.setRemoteAddr("192.0.2.1");
        MockHttpServletResponse refused = new MockHttpServletResponse();
        limit.doFilter(request, refused, new MockFilterChain());
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 600L);
        assertThat(refused.getContentType()).startsWith("application/problem+json");
    }

    @Test
    void theDecodedPathCountsSoAnEncodedOneIsNoWayAround() throws Exception {
        assertThat(post("/api/events/kongres-2024/registrations", "192.0.2.2")).isEqualTo(200);
        assertThat(post("/api/%65vents/kongres-2024/registrations", "192.0.2.2")).isEqualTo(200);
        assertThat(post("/api/events/kongres-2024/registrations;x=1", "192.0.2.2")).isEqualTo(429);
        assertThat(post("/%65vents/kongres-2024", "192.0.2.3")).isEqualTo(200);
        assertThat(post("/events/kongres-2024", "192.0.2.3")).isEqualTo(200);
        assertThat(post("/events/kongres-2024", "192.0.2.3")).isEqualTo(429);
    }

    @Test
    void theAddressesOfOneIpv6Slash64ShareAnAllowance() throws Exception {
        assertThat(post("/api/events/kongres-2024/registrations", "2001:db8:1:2::1")).isEqualTo(200);
        assertThat(post("/api/events/kongres-2024/registrations", "2001:db8:1:2::2")).isEqualTo(200);
        assertThat(post("/api/events/kongres-2024/registrations", "2001:db8:1:2::3")).isEqualTo(429);
        assertThat(post("/api/events/kongres-2024/registrations", "2001:db8:1:3::1")).isEqualTo(200);
    }

    @Test
    void otherRequestsDoNotCount() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(post("/api/registrations/00000000-0000-0000-0000-000000000000/sessions", "192.0.2.4"))
                    .isEqualTo(200);
            assertThat(post("/organiser/login", "192.0.2.4")).isEqualTo(200);
        }
        assertThat(post("/api/events/kongres-2024/registrations", "192.0.2.4")).isEqualTo(200);
    }

    @Test
    void zeroPerClientTurnsTheLimitOff() throws Exception {
        RegistrationRateLimit off = new RegistrationRateLimit(new RateLimitProperties(0, Duration.ofSeconds(10), 1));
        for (int i = 0; i < 10; i++) {
            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/events/e/registrations");
            MockHttpServletResponse response = new MockHttpServletResponse();
            off.doFilter(request, response, new MockFilterChain());
            assertThat(response.getStatus()).isEqualTo(200);
        }
    }
}
