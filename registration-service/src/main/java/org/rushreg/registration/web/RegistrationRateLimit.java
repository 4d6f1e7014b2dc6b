package org.rushreg.registration.web;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A per-client allowance of registration posts (API and form), answered with 429 and {@code Retry-After} when
 * used up. The client is its remote address: behind a reverse proxy, set {@code server.forward-headers-strategy}
 * so that the address comes from {@code X-Forwarded-For}, or every client would share the proxy's allowance.
 * The default is generous on purpose: a whole office behind one address must be able to register at once.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class RegistrationRateLimit extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RegistrationRateLimit.class);

    private static final Pattern REGISTRATION_POSTS = Pattern.compile("/api/events/[^/]+/registrations|/events/[^/]+");

    /** Past this many tracked addresses the table starts afresh: memory stays bounded under a spoofing flood. */
    private static final int MAX_CLIENTS = 50_000;

    private final RateLimiterConfig config;
    private final Duration period;
    private final boolean enabled;
    private final Map<String, RateLimiter> clients = new ConcurrentHashMap<>();

    RegistrationRateLimit(RateLimitProperties properties) {
        this.enabled = properties.perClient() > 0;
        this.period = properties.period();
        this.config = enabled ? RateLimiterConfig.custom()
                .limitForPeriod(properties.perClient())
                .limitRefreshPeriod(properties.period())
                .timeoutDuration(Duration.ZERO)
                .build() : null;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !enabled || !"POST".equals(request.getMethod())
                || !REGISTRATION_POSTS.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (limiterOf(request.getRemoteAddr()).acquirePermission()) {
            chain.doFilter(request, response);
            return;
        }
        log.info("Rate limit: a client went over its allowance of registrations");
        long seconds = Math.max(1, period.toSeconds());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        if (!request.getRequestURI().startsWith("/api/")) {
            // The form: the error page in the reader's language (ProblemErrorController).
            response.sendError(429);
            return;
        }
        response.setStatus(429);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Too many requests\",\"status\":429,"
                + "\"detail\":\"Too many registrations from this address; please try again in " + seconds
                + " s\"}");
    }

    private RateLimiter limiterOf(String client) {
        if (clients.size() > MAX_CLIENTS) {
            clients.clear();
        }
        return clients.computeIfAbsent(client, c -> RateLimiter.of("registrations", config));
    }
}
