package org.rushreg.registration.observability;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the registration id a request is about on its remaining log lines (a field of its own in the JSON logs),
 * so an operator can follow one registration without logging anything personal. {@link #put} is called where the
 * id becomes known; as a filter this class removes it again when the request ends.
 */
@Component
public class RegistrationLogContext extends OncePerRequestFilter {

    public static final String FIELD = "registrationId";

    public static void put(String registrationId) {
        MDC.put(FIELD, registrationId);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(FIELD);
        }
    }
}
