package org.rushreg.registration.web;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request the service refuses, carrying its own HTTP status and RFC 9457 problem details, so that the API
 * ({@link ApiProblems}) and the pages ({@link PageProblems}) answer it without knowing each kind of refusal.
 */
public abstract class Refusal extends ErrorResponseException {

    /** One failing input of a request, as listed in a problem's {@code errors}. */
    public record FieldProblem(String field, String message) {
    }

    protected Refusal(HttpStatus status, String title, String detail) {
        this(status, title, detail, null);
    }

    protected Refusal(HttpStatus status, String title, String detail, Throwable cause) {
        super(status, problem(status, title, detail), cause);
    }

    /** Names the failing inputs in the problem's {@code errors}. */
    protected final void listErrors(String field, List<String> messages) {
        getBody().setProperty("errors", messages.stream().map(m -> new FieldProblem(field, m)).toList());
    }

    /** Asks the client to come back after this many seconds. */
    protected final void retryAfter(String seconds) {
        getHeaders().set(HttpHeaders.RETRY_AFTER, seconds);
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("about:blank"));
        return problem;
    }
}
