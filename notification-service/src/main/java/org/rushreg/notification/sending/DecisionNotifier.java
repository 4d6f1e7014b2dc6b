package org.rushreg.notification.sending;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.rushreg.messages.DeliveryStatus;
import org.rushreg.messages.NotificationOutcome;
import org.rushreg.messages.OrganiserMessageAddressed;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.RegistrationCancelled;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationHeld;
import org.rushreg.messages.RegistrationHoldExpired;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.RegistrationPromoted;
import org.rushreg.messages.RegistrationErased;
import org.rushreg.messages.ErasureConfirmed;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.SessionCancelledByOrganiser;
import org.rushreg.messages.SessionChangedByOrganiser;
import org.rushreg.messages.SessionsChanged;
import org.rushreg.notification.rendering.CalendarStamp;
import org.rushreg.notification.rendering.SessionCalendars;
import org.rushreg.notification.rendering.DecisionEmail;
import org.rushreg.notification.rendering.DecisionEmailRenderer;
import org.rushreg.notification.rendering.EmailKind;
import org.rushreg.notification.delivery.MailDelivery;
import org.rushreg.notification.delivery.MailServerUnavailableException;
import org.rushreg.notification.rendering.Notice;
import org.rushreg.notification.delivery.SmtpCircuit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * One email per outcome of a registration, once: remembers the recipient of a first decision or of a hold for email
 * verification (later messages name none), skips what was already sent, renders, sends through the {@link SmtpCircuit}, records it and reports it.
 * "Already registered" reminders go to an address at most once per event and interval ({@link ReminderClaims}); the
 * further ones are recorded and reported as SUPPRESSED.
 */
@Component
class DecisionNotifier {

    private static final Logger log = LoggerFactory.getLogger(DecisionNotifier.class);

    private final DecisionEmailRenderer renderer;
    private final MailDelivery delivery;
    private final SmtpCircuit smtp;
    private final SentEmails sent;
    private final Recipients recipients;
    private final ReminderClaims reminders;
    private final NotificationOutcomes outcomes;
    private final MeterRegistry meters;
    private final SessionCalendars calendars;
    private final OrganiserMessagePace pace;

    /** @param organiserMessageRate how many organisers' messages a second go out from this instance (decision 0042) */
    DecisionNotifier(DecisionEmailRenderer renderer, MailDelivery delivery, SmtpCircuit smtp, SentEmails sent,
                     Recipients recipients, ReminderClaims reminders, SessionCalendars calendars,
                     NotificationOutcomes outcomes, MeterRegistry meters,
                     @Value("${notification.organiser-message-rate:10}") double organiserMessageRate) {
        this.pace = new OrganiserMessagePace(organiserMessageRate);
        this.renderer = renderer;
        this.calendars = calendars;
        this.delivery = delivery;
        this.smtp = smtp;
        this.sent = sent;
        this.recipients = recipients;
        this.reminders = reminders;
        this.outcomes = outcomes;
        this.meters = meters;
    }

    /**
     * Remembers the recipients of the first decisions among {@code outcomes} (a poll's worth, one statement) before
     * any of their emails is sent. Returns the registration ids remembered just now: their first decision was never
     * handled before, so {@link #handle(RegistrationOutcome, boolean)} need not look for a sent-record.
     */
    public Set<String> rememberRecipients(List<RegistrationOutcome> outcomes) {
        List<RegistrationOutcome> firstDecisions = outcomes.stream()
                .filter(outcome -> outcome instanceof RegistrationDecided decided && promotable(decided)
                        || outcome instanceof RegistrationHeld held && addressed(held.recipient()))
                .toList();
        return firstDecisions.isEmpty() ? Set.of() : recipients.remember(firstDecisions);
    }

    /** {@link #handle(RegistrationOutcome, boolean)} of one outcome whose recipient is remembered first. */
    public boolean handle(RegistrationOutcome outcome) {
        try {
            return handle(outcome, rememberRecipients(List.of(outcome)).contains(outcome.registrationId()));
        } catch (DataAccessResourceFailureException e) {
            return databaseDown(outcome, e);
        }
    }

    /**
     * Handles one outcome. Returns false when the email could not go out now (mail server or database down): the
     * record is to be read again later. Throws {@link UndeliverableException} when it never can.
     *
     * @param rememberedNow its recipient's row was written just now by {@link #rememberRecipients}: a first decision
     *                      handled for the first time, with no sent-record to look for
     */
    public boolean handle(RegistrationOutcome outcome, boolean rememberedNow) {
        try {
            // What the registration holds now, for the reminders before the event (decision 0028); before the email,
            // so that a promotion or cancellation whose email cannot go out still counts.
            recipients.track(outcome);
            return notify(outcome, rememberedNow);
        } catch (DataAccessResourceFailureException e) {
            return databaseDown(outcome, e);
        }
    }

    private static boolean databaseDown(RegistrationOutcome outcome, DataAccessResourceFailureException e) {
        log.warn("Registration {}: the sent-record database is unavailable, will retry: {}",
                outcome.registrationId(), e.getMostSpecificCause().toString());
        return false;
    }

    private boolean notify(RegistrationOutcome outcome, boolean rememberedNow) {
        if (outcome instanceof RegistrationErased erased) {
            forget(erased);
            return true;
        }
        // The recipient's row is written before its email is sent, so one remembered just now has no sent-record:
        // one statement less per email in a rush.
        if (!rememberedNow && sent.contains(outcome.registrationId(), outcome.messageId())) {
            log.info("Registration {}: email for decision {} already sent, not again", outcome.registrationId(),
                    outcome.messageId());
            return true;
        }
        Optional<Notice> notice;
        if (outcome instanceof RegistrationDecided decided) {
            notice = decided(decided);
        } else if (outcome instanceof RegistrationHeld held) {
            notice = Optional.of(Notice.verifyEmail(held));
        } else if (outcome instanceof RegistrationHoldExpired expired) {
            notice = Optional.of(Notice.holdExpired(expired, recipients.of(expired.registrationId()).orElse(null)));
        } else if (outcome instanceof RegistrationPromoted promoted && recipients.held(promoted.registrationId())) {
            // Not verified yet: the address may not be the registrant's. The verified decision will show the seat.
            log.info("Registration {}: promoted while held for email verification, no email", promoted.registrationId());
            notice = Optional.empty();
        } else if (outcome instanceof RegistrationPromoted promoted) {
            notice = promoted(promoted);
        } else if (outcome instanceof RegistrationCancelled cancelled) {
            notice = cancelled(cancelled);
        } else if (outcome instanceof SessionsChanged changed && changed.applied()) {
            notice = Optional.of(Notice.sessionsChanged(changed,
                    recipients.of(changed.registrationId()).orElse(null)));
        } else if (outcome instanceof SessionChangedByOrganiser changed) {
            notice = Optional.of(Notice.sessionChangedByOrganiser(changed,
                    recipients.of(changed.registrationId()).orElse(null)));
        } else if (outcome instanceof SessionCancelledByOrganiser cancelled) {
            notice = Optional.of(Notice.sessionCancelledByOrganiser(cancelled,
                    recipients.of(cancelled.registrationId()).orElse(null)));
        } else if (outcome instanceof OrganiserMessageAddressed message) {
            notice = Optional.of(Notice.organiserMessage(message,
                    recipients.of(message.registrationId()).orElse(null)));
        } else {
            // A refused change of sessions changed nothing; the manage page says why. Acknowledged, no email.
            log.info("Registration {}: {} needs no email", outcome.registrationId(),
                    outcome.getClass().getSimpleName());
            notice = Optional.empty();
        }
        if (notice.isEmpty()) {
            return true;
        }
        if (notice.get().recipient() == null || blank(notice.get().recipient().email())) {
            String kind = notice.get().kind().name();
            sent.record(outcome.registrationId(), outcome.messageId(), kind, SentEmails.Status.FAILED);
            report(outcome, kind, DeliveryStatus.FAILED, "no recipient is known for this registration");
            throw new UndeliverableException("Registration " + outcome.registrationId() + ": no recipient");
        }
        if (notice.get().kind() == EmailKind.ALREADY_REGISTERED
                && !reminders.claim(outcome.eventId(), notice.get().recipient().email(), outcome.messageId())) {
            // Recorded like a sent email, so a redelivery of this decision skips it too.
            String kind = notice.get().kind().name();
            sent.record(outcome.registrationId(), outcome.messageId(), kind, SentEmails.Status.SUPPRESSED);
            report(outcome, kind, DeliveryStatus.SUPPRESSED,
                    "a reminder went to this address for this event within the last "
                            + reminders.interval().toString().substring(2).toLowerCase(Locale.ROOT));
            return true;
        }
        return send(outcome, notice.get());
    }

    private boolean send(RegistrationOutcome outcome, Notice notice) {
        String kind = notice.kind().name();
        DecisionEmail email = renderer.render(notice, calendarStamp(outcome, notice));
        if (notice.kind() == EmailKind.ORGANISER_MESSAGE) {
            pace.awaitTurn();
        }
        MailDelivery.Delivery result;
        try {
            result = smtp.call(() -> delivery.send(email));
        } catch (MailServerUnavailableException | CallNotPermittedException e) {
            report(outcome, kind, DeliveryStatus.RETRYING, e.getMessage());
            return false;
        }
        if (!result.sent()) {
            sent.record(outcome.registrationId(), outcome.messageId(), kind, SentEmails.Status.FAILED);
            report(outcome, kind, DeliveryStatus.FAILED, result.failure());
            throw new UndeliverableException("Registration " + outcome.registrationId() + ": " + kind
                    + " email refused for good");
        }
        sent.record(outcome.registrationId(), outcome.messageId(), kind, SentEmails.Status.SENT);
        if (notice.kind() == EmailKind.CANCELLED) {
            recipients.cancelled(outcome.registrationId(), outcome.createdAt());
        }
        if (outcome.createdAt() != null) {
            Timer.builder("notification.email.delay")
                    .description("Time from the decision to the email accepted by the SMTP server")
                    .tag("kind", kind).publishPercentileHistogram().register(meters)
                    .record(Duration.between(outcome.createdAt(), Instant.now()));
        }
        report(outcome, kind, DeliveryStatus.SENT, null);
        return true;
    }

    /**
     * Each calendar entry's sequence for this email, stored before it is sent. A first decision's entries are new;
     * every later message (promotion, change, cancellation) raises the sequence of each entry it writes.
     */
    private CalendarStamp calendarStamp(RegistrationOutcome outcome, Notice notice) {
        Set<String> sessionIds = new LinkedHashSet<>();
        notice.calendarSessions().forEach(s -> sessionIds.add(s.sessionId()));
        return calendars.stamp(outcome.registrationId(), outcome.messageId(), outcome instanceof RegistrationDecided,
                sessionIds);
    }

    private Optional<Notice> decided(RegistrationDecided decided) {
        RegistrationStatus status = decided.status();
        if (status != RegistrationStatus.CONFIRMED && status != RegistrationStatus.WAITLISTED
                && status != RegistrationStatus.REJECTED) {
            log.info("Registration {}: decision {} needs no email", decided.registrationId(), status);
            return Optional.empty();
        }
        Notice notice = Notice.about(decided);
        if (decided.recipient() == null) {
            // A verified hold's decision (decision 0030) names nobody: the hold's email did.
            notice = notice.withRecipient(recipients.of(decided.registrationId()).orElse(null));
        }
        if (notice.kind() == EmailKind.ALREADY_REGISTERED && decided.recipient() != null) {
            // The reminder links to the registration the address already holds, not to the refused one, and greets
            // the person by the name they registered with: the duplicate's name is whatever its sender typed.
            Optional<Recipients.Active> active = recipients.activeRegistration(decided.eventId(),
                    decided.recipient().email());
            notice = notice.withManageRegistrationId(active.map(Recipients.Active::registrationId).orElse(null))
                    .withRecipient(ReminderRecipient.of(active.map(Recipients.Active::recipient).orElse(null),
                            decided.recipient()));
        }
        return Optional.of(notice);
    }

    /**
     * Erasure on request (decision 0027), after the registration's cancellation email (same key, earlier offset):
     * the reminder limit of the address and the recipient go, the sent-records (no address) stay; then confirmed.
     * Each step is idempotent, so a retry or a redelivery repeats it harmlessly.
     */
    private void forget(RegistrationErased erased) {
        recipients.of(erased.registrationId()).map(Recipient::email)
                .ifPresent(address -> reminders.forget(erased.eventId(), address));
        recipients.forget(erased.registrationId());
        outcomes.confirm(ErasureConfirmed.of(erased.erasureId(), erased.eventId(), erased.registrationId(),
                ErasureConfirmed.NOTIFICATIONS));
        log.info("Registration {}: its recipient forgotten for erasure {}", erased.registrationId(),
                erased.erasureId());
    }

    private Optional<Notice> promoted(RegistrationPromoted promoted) {
        return Optional.of(Notice.promoted(promoted, recipients.of(promoted.registrationId()).orElse(null)));
    }

    private Optional<Notice> cancelled(RegistrationCancelled cancelled) {
        return Optional.of(Notice.cancelled(cancelled, recipients.of(cancelled.registrationId()).orElse(null)));
    }

    private static boolean promotable(RegistrationDecided decided) {
        return (decided.status() == RegistrationStatus.CONFIRMED || decided.status() == RegistrationStatus.WAITLISTED)
                && addressed(decided.recipient());
    }

    private static boolean addressed(Recipient recipient) {
        return recipient != null && !blank(recipient.email());
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private void report(RegistrationOutcome outcome, String kind, DeliveryStatus status, String rawReason) {
        // SMTP replies quote the recipient ("550 <anna@...>: no such user"); logs and outcomes must not.
        String reason = rawReason == null ? null : rawReason.replaceAll("[^\\s<>\"]+@[^\\s<>\"]+", "<address>");
        if (status == DeliveryStatus.SENT || status == DeliveryStatus.SUPPRESSED) {
            log.info("Registration {}: {} email {}{}", outcome.registrationId(), kind, status,
                    reason == null ? "" : " (" + reason + ")");
        } else {
            log.warn("Registration {}: {} email {} ({})", outcome.registrationId(), kind, status, reason);
        }
        meters.counter("notification.emails", "kind", kind, "status", status.name()).increment();
        outcomes.publish(NotificationOutcome.of(outcome.registrationId(), outcome.eventId(), outcome.messageId(), kind,
                status, reason));
    }
}
