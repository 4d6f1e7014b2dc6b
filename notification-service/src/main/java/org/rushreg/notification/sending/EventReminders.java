package org.rushreg.notification.sending;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rushreg.messages.DeliveryStatus;
import org.rushreg.messages.NotificationOutcome;
import org.rushreg.notification.delivery.MailSettings;
import org.rushreg.notification.rendering.CalendarStamp;
import org.rushreg.notification.rendering.DecisionEmail;
import org.rushreg.notification.rendering.DecisionEmailRenderer;
import org.rushreg.notification.rendering.EmailKind;
import org.rushreg.notification.delivery.MailDelivery;
import org.rushreg.notification.delivery.MailServerUnavailableException;
import org.rushreg.notification.rendering.Notice;
import org.rushreg.notification.delivery.SmtpConnections;
import org.rushreg.notification.operations.RegistrationLogContext;
import org.rushreg.notification.sending.Recipients.Holder;
import org.rushreg.notification.delivery.SmtpCircuit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reminders before the event (decision 0028): on a schedule, every registration that holds a seat and whose first
 * session starts within one of the offsets of {@code REMINDER_BEFORE_EVENT} is emailed once per offset: its sessions,
 * the venue, its ticket and its manage link, in its language. Nothing is sent once that session has started, so a
 * reminder that fell due while the service was down goes out when it is back, if it is still before the start.
 *
 * <p>Once per person and offset, across restarts and instances: the sent-record (registration, {@code
 * reminder:<offset>}) is claimed as SENDING in one statement before the send (of two instances, one wins), made SENT
 * after the server's 250, released when the server is down. A claim left SENDING by an instance that died before the
 * 250 is taken over after {@code REMINDER_CLAIM_TIMEOUT}: that reminder may arrive twice, with the same Message-ID,
 * never not at all (decision 0010).
 */
@Component
class EventReminders implements ApplicationListener<ContextClosedEvent> {

    public static final String KIND = EmailKind.REMINDER.name();
    private static final Logger log = LoggerFactory.getLogger(EventReminders.class);

    private final EventReminderSettings settings;
    private final Recipients recipients;
    private final SentEmails sent;
    private final DecisionEmailRenderer renderer;
    private final MailDelivery delivery;
    private final SmtpConnections connections;
    private final SmtpCircuit smtp;
    private final NotificationOutcomes outcomes;
    private final CalendarStamp noCalendar;
    private final Clock clock;
    private final MeterRegistry meters;
    private final AtomicBoolean stopping = new AtomicBoolean();

    public EventReminders(EventReminderSettings settings, Recipients recipients, SentEmails sent,
                          DecisionEmailRenderer renderer, MailDelivery delivery, SmtpConnections connections,
                          SmtpCircuit smtp, NotificationOutcomes outcomes, MailSettings mail, Clock clock,
                          MeterRegistry meters) {
        this.settings = settings;
        this.recipients = recipients;
        this.sent = sent;
        this.renderer = renderer;
        this.delivery = delivery;
        this.connections = connections;
        this.smtp = smtp;
        this.outcomes = outcomes;
        this.noCalendar = CalendarStamp.first(mail.from());
        this.clock = clock;
        this.meters = meters;
    }

    /** The sent-record id of the reminder {@code before} the start, the same on every instance: {@code reminder:PT24H}. */
    public static String reminderId(Duration before) {
        return "reminder:" + before;
    }

    /** The id of one person's reminder, its Message-ID and its report's id: {@code reminder-PT24H-<registrationId>}. */
    public static String emailId(Duration before, String registrationId) {
        return "reminder-" + before + "-" + registrationId;
    }

    @Scheduled(fixedDelayString = "${notification.event-reminders.check-interval:PT1M}",
            initialDelayString = "${notification.event-reminders.first-check-after:PT10S}")
    void scheduledCheck() {
        try {
            check();
        } catch (DataAccessException e) {
            log.warn("Reminders before the event: the database is unavailable, the next check tries again: {}",
                    e.getMostSpecificCause().toString());
        } finally {
            // Each run may be a thread of its own (virtual threads): its kept connection would be left behind.
            connections.release();
        }
    }

    /**
     * Sends every reminder due now, a batch at a time. Returns how many went out. Stops early, leaving the rest to the
     * next check, when the mail server cannot take them now or the service is stopping.
     */
    public int check() {
        int sentNow = 0;
        for (Duration before : settings.before()) {
            int round;
            List<Holder> due;
            do {
                Instant now = clock.instant();
                due = recipients.dueForReminder(reminderId(before), before, now, now.minus(settings.claimTimeout()),
                        settings.batchSize());
                round = 0;
                for (Holder holder : due) {
                    if (stopping.get()) {
                        return sentNow;
                    }
                    Result result = remind(holder, before);
                    if (result == Result.SERVER_UNAVAILABLE) {
                        return sentNow;
                    }
                    if (result == Result.SENT) {
                        sentNow++;
                    }
                    if (result != Result.NOT_CLAIMED) {
                        round++;
                    }
                }
                // A full batch of which nothing was settled here is someone else's or failing: the next check.
            } while (due.size() == settings.batchSize() && round > 0);
        }
        return sentNow;
    }

    private enum Result { SENT, FAILED, NOT_CLAIMED, SERVER_UNAVAILABLE }

    private Result remind(Holder holder, Duration before) {
        String registrationId = holder.registrationId();
        String reminderId = reminderId(before);
        try (var logged = RegistrationLogContext.of(registrationId)) {
            Instant now = clock.instant();
            if (!sent.claim(registrationId, reminderId, KIND, now, now.minus(settings.claimTimeout()))) {
                return Result.NOT_CLAIMED;
            }
            String emailId = emailId(before, registrationId);
            DecisionEmail email;
            try {
                email = renderer.render(Notice.reminder(registrationId, emailId, now, holder.eventId(),
                        holder.event(), holder.recipient(), holder.sessions()), noCalendar);
            } catch (RuntimeException e) {
                sent.release(registrationId, reminderId);
                log.error("Registration {}: the {} reminder could not be written", registrationId, before, e);
                return Result.FAILED;
            }
            MailDelivery.Delivery result;
            try {
                result = smtp.call(() -> delivery.send(email));
            } catch (MailServerUnavailableException | CallNotPermittedException e) {
                sent.release(registrationId, reminderId);
                report(holder, emailId, DeliveryStatus.RETRYING, e.getMessage());
                return Result.SERVER_UNAVAILABLE;
            }
            if (!result.sent()) {
                sent.settle(registrationId, reminderId, SentEmails.Status.FAILED, clock.instant());
                report(holder, emailId, DeliveryStatus.FAILED, result.failure());
                return Result.FAILED;
            }
            sent.settle(registrationId, reminderId, SentEmails.Status.SENT, clock.instant());
            Duration late = Duration.between(holder.startsAt().minus(before), clock.instant());
            Timer.builder("notification.email.delay")
                    .description("Time from the decision to the email accepted by the SMTP server")
                    .tag("kind", KIND).publishPercentileHistogram().register(meters)
                    .record(late.isNegative() ? Duration.ZERO : late);
            report(holder, emailId, DeliveryStatus.SENT, null);
            return Result.SENT;
        }
    }

    private void report(Holder holder, String emailId, DeliveryStatus status, String rawReason) {
        // SMTP replies quote the recipient ("550 <anna@...>: no such user"); logs and outcomes must not.
        String reason = rawReason == null ? null : rawReason.replaceAll("[^\\s<>\"]+@[^\\s<>\"]+", "<address>");
        if (status == DeliveryStatus.SENT) {
            log.info("Registration {}: {} email {} {}", holder.registrationId(), KIND, emailId, status);
        } else {
            log.warn("Registration {}: {} email {} ({})", holder.registrationId(), KIND, status, reason);
        }
        meters.counter("notification.emails", "kind", KIND, "status", status.name()).increment();
        outcomes.publish(NotificationOutcome.of(holder.registrationId(), holder.eventId(), emailId, KIND, status,
                reason));
    }

    /** A stopping service sends no further reminder: the one in flight finishes, the rest wait for the next start. */
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        stopping.set(true);
    }
}
