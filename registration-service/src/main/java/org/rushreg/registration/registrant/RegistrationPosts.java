package org.rushreg.registration.registrant;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rushreg.registration.observability.RegistrationLogContext;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registration POST ({@code POST /api/events/{eventId}/registrations}) answered without Spring MVC's dispatch
 * when it is plainly valid: the last filter reads the JSON body with the application's mapper, checks it with the
 * same Bean Validation constraints and calls {@link Registrations#register} as
 * {@link RegistrationsController#register} does, answering the same 202. Every other request, and every such request
 * that is not plainly valid (a body it cannot read or that fails validation, a bad Idempotency-Key, another media
 * type or charset, an {@code Accept} without JSON, a CORS request, a body without a length or over the limit), goes
 * on to the controller with the body already read, so those refusals stay the controller's and
 * {@link org.rushreg.registration.web.ApiProblems}' own. What {@link Registrations#register} refuses (an unknown
 * event or session, a reused key, the broker or the database away) is answered by the application's exception
 * resolvers as if the controller had thrown it. The filters before this one (metrics, body limit, rate limit,
 * security headers, the {@code http.server.requests} observation with the controller's {@code uri}, the trace)
 * see the request as before.
 *
 * <p>Why: per request, Spring MVC's handler lookup, argument resolution and return value handling cost more CPU
 * than the registration itself (decision 0015, docs/benchmarks.md).
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class RegistrationPosts implements Filter {

    /** The controller's mapping, as the http.server.requests metrics name it ({@code uri} tag). */
    static final String PATH_PATTERN = "/api/events/{eventId}/registrations";

    /** Event ids the fast path takes; anything else (encoded characters, other segments) goes to MVC. */
    private static final Pattern PATH =
            Pattern.compile("/api/events/([A-Za-z0-9][A-Za-z0-9._-]{0,99})/registrations");

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final Registrations registrations;
    private final ObjectReader reader;
    private final Validator validator;
    private final long maxBytes;
    private final ObjectProvider<HandlerExceptionResolver> resolvers;
    private final ObjectProvider<RegistrationsController> controller;
    private volatile HandlerMethod handler;

    RegistrationPosts(Registrations registrations, JsonMapper json, Validator validator,
                      @Value("${rushreg.max-body-bytes:16384}") long maxBytes,
                      ObjectProvider<HandlerExceptionResolver> resolvers,
                      ObjectProvider<RegistrationsController> controller) {
        this.registrations = registrations;
        this.reader = json.readerFor(RegistrationRequest.class);
        this.validator = validator;
        this.maxBytes = maxBytes;
        this.resolvers = resolvers;
        this.controller = controller;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)
                || request.getDispatcherType() != DispatcherType.REQUEST || !"POST".equals(request.getMethod())) {
            chain.doFilter(req, res);
            return;
        }
        Matcher path = PATH.matcher(request.getRequestURI());
        if (!path.matches() || !plainJson(request)) {
            chain.doFilter(req, res);
            return;
        }
        long length = request.getContentLengthLong();
        if (length < 0 || length > maxBytes) {
            chain.doFilter(req, res);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) length);
        HttpServletRequest again = new ReadBody(request, body);
        String eventId = path.group(1);
        RegistrationRequest registration = readable(body, request);
        if (registration == null) {
            chain.doFilter(again, res);
            return;
        }
        ServerHttpObservationFilter.findObservationContext(request)
                .ifPresent(context -> context.setPathPattern(PATH_PATTERN));
        try {
            Registrations.Accepted accepted;
            try {
                accepted = registrations.register(eventId, registration, request.getHeader(IDEMPOTENCY_KEY));
            } catch (RuntimeException e) {
                refuse(again, response, e);
                return;
            }
            response.setStatus(HttpServletResponse.SC_ACCEPTED);
            response.setHeader(HttpHeaders.LOCATION, "/api/registrations/" + accepted.registrationId());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            // A UUID needs no escaping.
            byte[] answer = ("{\"registrationId\":\"" + accepted.registrationId() + "\",\"status\":\"PENDING\"}")
                    .getBytes(StandardCharsets.UTF_8);
            response.setContentLength(answer.length);
            response.getOutputStream().write(answer);
        } finally {
            // Whatever the order of the log context filter and this one, the id leaves with the request.
            MDC.remove(RegistrationLogContext.FIELD);
        }
    }

    /**
     * The request if it is one the controller would accept as it is (so that the controller's answer would be a
     * registration): null when anything about it is not plain, and the controller should answer.
     */
    private RegistrationRequest readable(byte[] body, HttpServletRequest request) {
        if (!validKeyHeader(request)) {
            return null;
        }
        RegistrationRequest registration;
        try {
            registration = reader.readValue(body);
        } catch (RuntimeException unreadable) {
            return null;
        }
        try {
            return registration != null && validator.validate(registration).isEmpty() ? registration : null;
        } catch (RuntimeException validationFailed) {
            return null;
        }
    }

    /** No key, or exactly one the controller takes. */
    private static boolean validKeyHeader(HttpServletRequest request) {
        Enumeration<String> keys = request.getHeaders(IDEMPOTENCY_KEY);
        if (keys == null || !keys.hasMoreElements()) {
            return true;
        }
        String key = keys.nextElement();
        if (keys.hasMoreElements()) {
            return false;
        }
        try {
            IdempotencyKey.ofHeader(key);
            return true;
        } catch (InvalidIdempotencyKeyException e) {
            return false;
        }
    }

    /** application/json in UTF-8, an answer in JSON acceptable, and not a CORS request. */
    private static boolean plainJson(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null || request.getHeader(HttpHeaders.ORIGIN) != null) {
            return false;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (RuntimeException e) {
            return false;
        }
        if (!MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)
                || (type.getCharset() != null && !StandardCharsets.UTF_8.equals(type.getCharset()))) {
            return false;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || "*/*".equals(accept) || "application/json".equals(accept)) {
            return true;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream().anyMatch(t -> t.includes(MediaType.APPLICATION_JSON));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * What the controller's exception handling answers for an exception of {@link Registrations#register} (an
     * unknown event or session, a reused key, the broker or the database away): the exception resolvers in their
     * order, as the DispatcherServlet asks them.
     */
    private void refuse(HttpServletRequest request, HttpServletResponse response, RuntimeException e) {
        HandlerMethod method = handler();
        for (HandlerExceptionResolver resolver : resolvers.orderedStream().toList()) {
            ModelAndView handled = resolver.resolveException(request, response, method, e);
            if (handled != null) {
                request.setAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE, e);
                return;
            }
        }
        throw e;
    }

    private HandlerMethod handler() {
        HandlerMethod method = handler;
        if (method == null) {
            try {
                Method register = RegistrationsController.class.getDeclaredMethod("register", String.class,
                        RegistrationRequest.class, String.class);
                method = new HandlerMethod(controller.getObject(), register);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("RegistrationsController.register changed", e);
            }
            handler = method;
        }
        return method;
    }

    /** The request with its body already read, for the controller. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
