package org.rushreg.registration.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A per-client allowance of registration posts (API and form), answered with 429 and {@code Retry-After} when
 * used up. The client is its remote address, an IPv6 one by its /64 ({@link ClientAddress}): behind a reverse
 * proxy, set {@code server.forward-headers-strategy} so that the address comes from {@code X-Forwarded-For}, or
 * every client would share the proxy's allowance. The path is matched as Spring MVC routes it (percent-decoded,
 * path parameters removed), so {@code /api/%65vents/...} counts like {@code /api/events/...}. The default is
 * generous on purpose: a whole office behind one address must be able to register at once. Each instance counts
 * on its own.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class RegistrationRateLimit extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RegistrationRateLimit.class);

    private static final PathPattern API_POST = PathPatternParser.defaultInstance.parse(
            "/api/events/{eventId}/registrations");
    private static final PathPattern FORM_POST = PathPatternParser.defaultInstance.parse("/events/{eventId}");

    private final ClientAllowances allowances;

    RegistrationRateLimit(RateLimitProperties properties) {
        this.allowances = properties.perClient() > 0
                ? new ClientAllowances(properties.perClient(), properties.period(), properties.maxClients())
                : null;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (allowances == null || !"POST".equals(request.getMethod())) {
            return true;
        }
        PathContainer path = pathOf(request);
        return !API_POST.matches(path) && !FORM_POST.matches(path);
    }

    private static PathContainer pathOf(HttpServletRequest request) {
        return RequestPath.parse(request.getRequestURI(), request.getContextPath()).pathWithinApplication();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Duration wait = allowances.take(ClientAddress.keyOf(request.getRemoteAddr()));
        if (wait.isZero()) {
            chain.doFilter(request, response);
            return;
        }
        log.info("Rate limit: a client went over its allowance of registrations");
        long seconds = Math.max(1, wait.plusNanos(999_999_999).toSeconds());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        if (!API_POST.matches(pathOf(request))) {
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
}
