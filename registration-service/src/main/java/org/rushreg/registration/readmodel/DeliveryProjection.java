package org.rushreg.registration.readmodel;

import java.sql.Timestamp;
import java.time.Instant;
import org.rushreg.messages.NotificationOutcome;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the state of each email (one row per outcome it is about) as the notification service last reported it.
 * A report older than the one kept is ignored, and a RETRYING never overwrites a final SENT or FAILED.
 */
@Component
class DeliveryProjection {

    private final JdbcClient jdbc;

    DeliveryProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void apply(NotificationOutcome outcome) {
        jdbc.sql("""
                insert into email_deliveries (decision_id, registration_id, event_id, kind, status, reason, reported_at)
                values (:decision, :registration, :event, :kind, :status, :reason, :reportedAt)
                on conflict (decision_id) do update set status = excluded.status, reason = excluded.reason,
                    reported_at = excluded.reported_at
                where email_deliveries.reported_at <= excluded.reported_at
                  and (email_deliveries.status = 'RETRYING' or excluded.status <> 'RETRYING')
                """)
                // An outcome without the id of what it was about still counts, as an email of its own.
                .param("decision", outcome.decisionId() != null ? outcome.decisionId() : outcome.messageId())
                .param("registration", outcome.registrationId()).param("event", outcome.eventId())
                .param("kind", outcome.kind() == null ? "UNKNOWN" : outcome.kind())
                .param("status", outcome.status().name()).param("reason", outcome.reason())
                .param("reportedAt", Timestamp.from(outcome.createdAt() != null ? outcome.createdAt() : Instant.now()))
                .update();
    }
}
