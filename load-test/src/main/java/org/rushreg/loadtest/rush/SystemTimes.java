package org.rushreg.loadtest.rush;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.rushreg.loadtest.readmodel.RegistrationTimes;
import org.rushreg.loadtest.stats.Latencies;

/**
 * A run's figures from the system's own timestamps rather than from what the tool happened to see: every
 * registration's decision latency (accepted → decided in the read model), the last decision the system made, and
 * for every person the time from their request being accepted to their first email arriving in the inbox. The
 * read model, the services and the inbox run on this one machine, so their clocks are the same clock.
 *
 * @param visibleLatency every registration: accepted → its decision applied in the read model (the status API and
 *                       page show it from the commit of that transaction, a few milliseconds after its start,
 *                       which {@code applied_at} records)
 * @param decided       how many of the run's registrations the read model shows decided
 * @param lastDecision  the latest {@code decided_at} among them, null if none
 * @param emailLatency  per person: accepted (their first registration's {@code created_at}) → first email received
 * @param withoutEmail  people with an accepted registration but no email (yet)
 */
public record SystemTimes(Latencies decisionLatency, Latencies visibleLatency, int decided, Instant lastDecision, Latencies emailLatency,
                          int withoutEmail) {

    /**
     * @param rows           the read model's registrations of the event, by id
     * @param ids            the run's registrations (first and second submits; a repeat has its first's id)
     * @param firstIdByEmail each person's address (lower case) to the id of their first registration
     */
    public static SystemTimes of(Map<String, RegistrationTimes> rows, Collection<String> ids,
                                 Map<String, String> firstIdByEmail, List<MailWatch.Delivery> deliveries) {
        List<Long> decisions = new ArrayList<>();
        List<Long> visible = new ArrayList<>();
        Instant last = null;
        for (String id : ids) {
            RegistrationTimes r = rows.get(id);
            if (r != null && r.decided()) {
                decisions.add(r.decisionLatency().toNanos());
                if (r.visibleLatency() != null) {
                    visible.add(r.visibleLatency().toNanos());
                }
                last = last == null || r.decidedAt().isAfter(last) ? r.decidedAt() : last;
            }
        }
        Map<String, Instant> firstEmail = new HashMap<>();
        for (MailWatch.Delivery d : deliveries) {
            firstEmail.merge(d.to(), d.receivedAt(), (a, b) -> a.isBefore(b) ? a : b);
        }
        List<Long> emails = new ArrayList<>();
        int without = 0;
        for (Map.Entry<String, String> person : firstIdByEmail.entrySet()) {
            RegistrationTimes r = rows.get(person.getValue());
            Instant received = firstEmail.get(person.getKey());
            if (r == null) {
                continue;
            }
            if (received == null) {
                without++;
            } else {
                emails.add(Duration.between(r.createdAt(), received).toNanos());
            }
        }
        return new SystemTimes(Latencies.ofNanos(decisions), Latencies.ofNanos(visible), decisions.size(), last, Latencies.ofNanos(emails), without);
    }

    /** Seconds from {@code start} to the last decision; NaN if nothing was decided. */
    public double lastDecisionSeconds(Instant start) {
        return lastDecision == null ? Double.NaN : Duration.between(start, lastDecision).toMillis() / 1000.0;
    }

    /** Decisions per second from {@code start} (the first request) to the last decision the system made. */
    public double decisionsPerSecond(Instant start) {
        return decided / lastDecisionSeconds(start);
    }
}
