package org.rushreg.registration.readmodel;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rushreg.messages.DeliveryStatus;
import org.rushreg.messages.NotificationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the state of each email (one row per outcome it is about) as the notification service last reported it,
 * one poll of reports at a time in one transaction. A report older than the one kept is ignored, and a RETRYING
 * never overwrites a final SENT, FAILED or SUPPRESSED (a reminder not sent on purpose).
 */
@Component
class DeliveryProjection {

    private static final Logger log = LoggerFactory.getLogger(DeliveryProjection.class);

    private static final String DELIVERY = """
            insert into email_deliveries (decision_id, registration_id, event_id, kind, status, reason, reported_at)
            values (?, ?, ?, ?, ?, ?, ?)
            on conflict (decision_id) do update set status = excluded.status, reason = excluded.reason,
                reported_at = excluded.reported_at
            where email_deliveries.reported_at <= excluded.reported_at
              and (email_deliveries.status = 'RETRYING' or excluded.status <> 'RETRYING')
            """;

    /** A report as it is written: what it is about, and when it was made. */
    private record Report(String emailId, NotificationOutcome outcome, Instant reportedAt) {

        /** Whether this report, applied after {@code earlier}, replaces it: the rule of the upsert's where clause. */
        boolean replaces(Report earlier) {
            return !earlier.reportedAt.isAfter(reportedAt)
                    && (earlier.outcome.status() == DeliveryStatus.RETRYING
                        || outcome.status() != DeliveryStatus.RETRYING);
        }
    }

    private final JdbcTemplate jdbc;

    DeliveryProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    void apply(List<NotificationOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        // Per email, the reports that must be written in order. A report that replaces the one before it replaces
        // it whatever the row holds (it is newer, and final or following a RETRYING), so only that one is written:
        // usually one write per email however many reports the poll held. One that does not stays, in order.
        Map<String, List<Report>> byEmail = new LinkedHashMap<>();
        for (NotificationOutcome outcome : outcomes) {
            // An outcome without the id of what it was about still counts, as an email of its own.
            String emailId = outcome.decisionId() != null ? outcome.decisionId() : outcome.messageId();
            Report report = new Report(emailId, outcome, outcome.createdAt() != null ? outcome.createdAt() : now);
            List<Report> pending = byEmail.computeIfAbsent(emailId, id -> new ArrayList<>(1));
            while (!pending.isEmpty() && report.replaces(pending.get(pending.size() - 1))) {
                pending.remove(pending.size() - 1);
            }
            pending.add(report);
        }
        List<Report> writes = byEmail.values().stream().flatMap(List::stream).toList();
        jdbc.batchUpdate(DELIVERY, writes, writes.size(), (ps, r) -> {
            ps.setString(1, r.emailId());
            ps.setString(2, r.outcome().registrationId());
            ps.setString(3, r.outcome().eventId());
            ps.setString(4, r.outcome().kind() == null ? "UNKNOWN" : r.outcome().kind());
            ps.setString(5, r.outcome().status().name());
            ps.setString(6, r.outcome().reason());
            ps.setTimestamp(7, Timestamp.from(r.reportedAt()));
        });
        log.info("Applied {} email reports ({} emails) to the read model", outcomes.size(), byEmail.size());
    }
}
