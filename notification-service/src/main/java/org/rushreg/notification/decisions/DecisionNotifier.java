package org.rushreg.notification.decisions;

import io.micrometer.core.instrument.MeterRegistry;
import org.rushreg.messages.DeliveryStatus;
import org.rushreg.messages.NotificationOutcome;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.notification.mail.DecisionEmail;
import org.rushreg.notification.mail.DecisionEmailRenderer;
import org.rushreg.notification.mail.MailDelivery;
import org.rushreg.notification.mail.MailServerUnavailableException;
import org.rushreg.notification.outcomes.NotificationOutcomes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One email per decision: renders it, sends it and reports the outcome. A mail server that cannot take it now
 * makes this throw, so the binder retries the record (and dead-letters it when retries run out).
 */
public class DecisionNotifier {

    private static final Logger log = LoggerFactory.getLogger(DecisionNotifier.class);

    private final DecisionEmailRenderer renderer;
    private final MailDelivery delivery;
    private final NotificationOutcomes outcomes;
    private final MeterRegistry meters;

    public DecisionNotifier(DecisionEmailRenderer renderer, MailDelivery delivery, NotificationOutcomes outcomes,
                            MeterRegistry meters) {
        this.renderer = renderer;
        this.delivery = delivery;
        this.outcomes = outcomes;
        this.meters = meters;
    }

    public void handle(RegistrationOutcome outcome) {
        if (outcome instanceof RegistrationDecided decided) {
            notify(decided);
        } else {
            // Promotions and cancellations name no recipient; addressing them needs the earlier decision's recipient.
            log.info("Registration {}: {} has no recipient, no email sent", outcome.registrationId(),
                    outcome.getClass().getSimpleName());
        }
    }

    private void notify(RegistrationDecided decided) {
        String kind = String.valueOf(decided.status());
        if (decided.status() != RegistrationStatus.CONFIRMED && decided.status() != RegistrationStatus.WAITLISTED
                && decided.status() != RegistrationStatus.REJECTED) {
            log.info("Registration {}: decision {} needs no email", decided.registrationId(), kind);
            return;
        }
        if (decided.recipient() == null || decided.recipient().email() == null || decided.recipient().email().isBlank()) {
            report(decided, kind, DeliveryStatus.FAILED, "the decision names no recipient");
            return;
        }
        DecisionEmail email = renderer.render(decided);
        MailDelivery.Delivery result;
        try {
            result = delivery.send(email);
        } catch (MailServerUnavailableException e) {
            report(decided, kind, DeliveryStatus.RETRYING, e.getMessage());
            throw e;
        }
        if (result.sent()) {
            report(decided, kind, DeliveryStatus.SENT, null);
        } else {
            report(decided, kind, DeliveryStatus.FAILED, result.failure());
        }
    }

    private void report(RegistrationDecided decided, String kind, DeliveryStatus status, String rawReason) {
        // SMTP replies quote the recipient ("550 <anna@...>: no such user"); logs and outcomes must not.
        String reason = rawReason == null ? null : rawReason.replaceAll("[^\\s<>\"]+@[^\\s<>\"]+", "<address>");
        if (status == DeliveryStatus.SENT) {
            log.info("Registration {}: {} email {}", decided.registrationId(), kind, status);
        } else {
            log.warn("Registration {}: {} email {} ({})", decided.registrationId(), kind, status, reason);
        }
        meters.counter("notification.emails", "kind", kind, "status", status.name()).increment();
        outcomes.publish(NotificationOutcome.of(decided.registrationId(), decided.eventId(), decided.messageId(), kind,
                status, reason));
    }
}
