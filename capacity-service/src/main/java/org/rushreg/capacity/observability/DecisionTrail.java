package org.rushreg.capacity.observability;

import io.micrometer.core.instrument.Metrics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.rushreg.messages.OrganiserMessageAddressed;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.RegistrationHeld;
import org.rushreg.messages.RegistrationHoldExpired;
import org.rushreg.messages.RegistrationPromoted;
import org.rushreg.messages.SessionCancelledByOrganiser;
import org.rushreg.messages.SessionChangedByOrganiser;
import org.rushreg.messages.SessionsChanged;
import org.slf4j.MDC;

/**
 * What an operator can follow of a decision: the trace context of the command goes on with it (so the
 * notification-service continues the registration-service's trace), its log lines carry the registration id and
 * trace id as fields, and the counter {@code capacity.decisions{status}} counts it.
 *
 * <p>Kafka Streams has no Micrometer observation of its own: no span is made here, the W3C {@code traceparent}
 * header is passed on as it came, and its trace id is put into the log context by hand.
 */
public final class DecisionTrail implements AutoCloseable {

    public static final String REGISTRATION_ID = "registrationId";
    public static final String TRACE_ID = "traceId";
    static final String COUNTER = "capacity.decisions";

    /** W3C Trace Context and baggage, and B3 for a Brave-propagating upstream. */
    private static final List<String> TRACE_HEADERS = List.of("traceparent", "tracestate", "baggage", "b3");

    private final boolean traced;

    private DecisionTrail(RegistrationOutcome outcome, Headers command) {
        MDC.put(REGISTRATION_ID, outcome.registrationId());
        String traceId = traceId(command);
        traced = traceId != null;
        if (traced) {
            MDC.put(TRACE_ID, traceId);
        }
        Metrics.counter(COUNTER, "status", status(outcome)).increment();
    }

    /** Counts the decision and opens its log context; close it after the decision's log lines. */
    public static DecisionTrail of(RegistrationOutcome outcome, Headers command) {
        return new DecisionTrail(outcome, command);
    }

    /** The trace headers of the command, for a record derived from it. */
    public static Headers traceHeaders(Headers command) {
        RecordHeaders carried = new RecordHeaders();
        for (String name : TRACE_HEADERS) {
            Header header = command.lastHeader(name);
            if (header != null) {
                carried.add(name, header.value());
            }
        }
        return carried;
    }

    private static String traceId(Headers command) {
        Header traceparent = command.lastHeader("traceparent");
        if (traceparent == null) {
            return null;
        }
        // version-traceid-parentid-flags, e.g. 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
        String[] parts = new String(traceparent.value(), StandardCharsets.US_ASCII).split("-");
        return parts.length == 4 && parts[1].length() == 32 ? parts[1] : null;
    }

    private static String status(RegistrationOutcome outcome) {
        if (outcome instanceof RegistrationDecided decided) {
            return decided.status().name();
        }
        if (outcome instanceof SessionsChanged) {
            return "SESSIONS_CHANGED";
        }
        if (outcome instanceof RegistrationHeld) {
            return "HELD";
        }
        if (outcome instanceof RegistrationHoldExpired) {
            return "HOLD_EXPIRED";
        }
        if (outcome instanceof SessionChangedByOrganiser) {
            return "SESSION_CHANGED_BY_ORGANISER";
        }
        if (outcome instanceof SessionCancelledByOrganiser) {
            return "SESSION_CANCELLED_BY_ORGANISER";
        }
        if (outcome instanceof OrganiserMessageAddressed) {
            return "ORGANISER_MESSAGE";
        }
        return outcome instanceof RegistrationPromoted ? "PROMOTED" : "CANCELLED";
    }

    @Override
    public void close() {
        MDC.remove(REGISTRATION_ID);
        if (traced) {
            MDC.remove(TRACE_ID);
        }
    }
}
