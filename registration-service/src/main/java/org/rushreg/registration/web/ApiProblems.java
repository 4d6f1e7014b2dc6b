package org.rushreg.registration.web;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every refusal of the API as an RFC 9457 problem document with a clear {@code detail}; validation problems
 * also name each failing field in {@code errors}. Bad input is a 4xx, never a 5xx. A feature's own refusals are
 * {@link Refusal}s that carry their status and problem (answered by the base class); this class adds the body
 * validation, the unreadable body, the database being away and the unexpected. Only for REST controllers: the
 * web pages answer with pages ({@link PageProblems}).
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    /** How long a client should wait before trying again when the broker or database is not available. */
    static final String RETRY_AFTER_SECONDS = "5";

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Refusal.FieldProblem> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new Refusal.FieldProblem(e.getField(), message(e)))
                .sorted(java.util.Comparator.comparing(Refusal.FieldProblem::field))
                .toList();
        List<Refusal.FieldProblem> global = ex.getBindingResult().getGlobalErrors().stream()
                .map(e -> new Refusal.FieldProblem(e.getObjectName(), e.getDefaultMessage()))
                .toList();
        List<Refusal.FieldProblem> all = new java.util.ArrayList<>(errors);
        all.addAll(global);
        String fields = String.join(", ", all.stream().map(Refusal.FieldProblem::field).distinct().toList());
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid registration",
                "The request has invalid fields: " + fields);
        problem.setProperty("errors", all);
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        if (causedBy(ex, RequestBodyLimit.BodyTooLargeException.class)) {
            ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
                    "The request body is larger than the allowed " + RequestBodyLimit.describe(ex) + " bytes");
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        MismatchedInputException mistyped = cause(ex, MismatchedInputException.class);
        String field = mistyped == null ? "" : JsonPaths.of(mistyped);
        if (!field.isEmpty()) {
            Refusal.FieldProblem error = new Refusal.FieldProblem(field, expected(mistyped.getTargetType()));
            ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid registration",
                    "The request has a value of the wrong JSON type: " + field + " " + error.message());
            problem.setProperty("errors", List.of(error));
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Malformed request body",
                "The request body is not a JSON document of the expected shape (see the API description)");
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** What the field takes, in JSON's words (StrictJson refuses coercion between them). */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "has a value of the wrong type (see the API description)";
        }
        if (type == String.class) {
            return "must be a JSON string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "must be a JSON number";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be a JSON array";
        }
        return "must be a JSON object";
    }

    @ExceptionHandler({CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
            DataAccessResourceFailureException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        log.warn("Answering 503, database not available: {}", e.getMessage());
        return unavailable("The service is busy or its database is not available; please try again.");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected failure while answering a request", e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "Something went wrong on our side; the request may not have been recorded."));
    }

    private static ResponseEntity<ProblemDetail> unavailable(String detail) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", detail));
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        return Refusal.problem(status, title, detail);
    }

    private static String message(FieldError error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        return cause(e, type) != null;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
