package org.rushreg.registration.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts every registration post (API and form) as {@code registration.requests}, tagged with {@code outcome}
 * (accepted, refused) and the {@code reason} of a refusal, read from the answer's status. Outermost of the filters,
 * so that the refusals of the body limit and the rate limit count too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RegistrationRequestMetrics extends OncePerRequestFilter {

    private static final Pattern REGISTRATION_POSTS = Pattern.compile("/api/events/[^/]+/registrations|/events/[^/]+");

    private final MeterRegistry meters;

    RegistrationRequestMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !REGISTRATION_POSTS.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            count("error");
            throw e;
        }
        count(reasonOf(response.getStatus()));
    }

    /** "none" for an accepted request (202 from the API, a redirect to the status page from the form). */
    static String reasonOf(int status) {
        if (status < 400) {
            return "none";
        }
        return switch (status) {
            case 400 -> "validation";
            case 403 -> "forbidden";
            case 404 -> "unknown_event";
            case 413 -> "too_large";
            case 415 -> "unsupported_media_type";
            case 422 -> "idempotency_conflict";
            case 429 -> "rate_limited";
            case 503 -> "broker_unavailable";
            default -> status >= 500 ? "error" : "other";
        };
    }

    private void count(String reason) {
        meters.counter("registration.requests", "outcome", "none".equals(reason) ? "accepted" : "refused",
                "reason", reason).increment();
    }
}
