package org.rushreg.registration.web;

import jakarta.servlet.http.HttpServletResponse;
import org.rushreg.registration.catalogue.UnknownEventException;
import org.rushreg.registration.commands.CommandNotAcceptedException;
import org.rushreg.registration.registration.HoneypotFilledException;
import org.rushreg.registration.registration.FirstRequestInFlightException;
import org.rushreg.registration.registration.IdempotencyKeyReusedException;
import org.rushreg.registration.registration.InvalidManageTokenException;
import org.rushreg.registration.registration.UnknownRegistrationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
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

    private static final Logger log = LoggerFactory.getLogger(PageProblems.class);

    /** A refusal shown as a page: {@code kind} selects the title and text in messages_*.properties. */
    static ModelAndView page(HttpStatus status, String kind) {
        ModelAndView page = new ModelAndView("problem");
        page.setStatus(status);
        page.addObject("kind", kind);
        page.addObject("status", status.value());
        return page;
    }

    @ExceptionHandler({UnknownEventException.class, UnknownRegistrationException.class})
    ModelAndView notFound() {
        return page(HttpStatus.NOT_FOUND, "not-found");
    }

    @ExceptionHandler(InvalidManageTokenException.class)
    ModelAndView badToken() {
        return page(HttpStatus.FORBIDDEN, "bad-token");
    }

    /** Refused without publishing anything; the page does not say why, so a bot learns nothing. */
    @ExceptionHandler(HoneypotFilledException.class)
    ModelAndView honeypot() {
        return page(HttpStatus.BAD_REQUEST, "bad-request");
    }

    /** The same form was submitted again after it had been changed (back button, then submit). */
    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ModelAndView resubmitted() {
        return page(HttpStatus.UNPROCESSABLE_CONTENT, "resubmitted");
    }

    /** A double click: the first submit of this form is still being recorded; the page asks to try again. */
    @ExceptionHandler(FirstRequestInFlightException.class)
    ModelAndView firstInFlight(HttpServletResponse response) {
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        return page(HttpStatus.CONFLICT, "unavailable");
    }

    @ExceptionHandler(CommandNotAcceptedException.class)
    ModelAndView brokerUnavailable(CommandNotAcceptedException e, HttpServletResponse response) {
        log.warn("Answering 503 (page): {}", e.getMessage());
        response.setHeader(HttpHeaders.RETRY_AFTER, ApiProblems.RETRY_AFTER_SECONDS);
        return page(HttpStatus.SERVICE_UNAVAILABLE, "unavailable");
    }
}
