package org.rushreg.registration.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * The refusals of the web pages, as a page in the reader's language ({@code problem.html}). Ordered after
 * {@link ApiProblems}, which takes everything thrown by REST controllers, so this one only sees the pages.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class PageProblems {

    /** A refusal shown as a page: {@code kind} selects the title and text in messages_*.properties. */
    static ModelAndView page(HttpStatus status, String kind) {
        ModelAndView page = new ModelAndView("problem");
        page.setStatus(status);
        page.addObject("kind", kind);
        page.addObject("status", status.value());
        return page;
    }

    /** Each refusal as the page for its status; its headers (Retry-After) go along. */
    @ExceptionHandler(Refusal.class)
    ModelAndView refused(Refusal refusal, HttpServletResponse response) {
        refusal.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        HttpStatus status = HttpStatus.valueOf(refusal.getStatusCode().value());
        return page(status, kindOf(status));
    }

    /** The title and text of a refused page; a refused form does not say more than its status. */
    private static String kindOf(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "not-found";
            case FORBIDDEN -> "bad-token";
            // The same form submitted again after it had been changed (back button, then submit).
            case UNPROCESSABLE_CONTENT -> "resubmitted";
            case SERVICE_UNAVAILABLE -> "unavailable";
            default -> "bad-request";
        };
    }
}
