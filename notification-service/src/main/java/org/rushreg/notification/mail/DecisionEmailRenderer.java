package org.rushreg.notification.mail;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import org.rushreg.messages.EventSummary;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RejectionReason;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.notification.calendar.SessionCalendar;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Writes the email for a {@link RegistrationDecided} in the registrant's language (Polish unless they chose
 * English): an HTML and a plain-text body from the Thymeleaf templates in {@code mail/}, and for a confirmation the
 * calendar invite. Dates and times are shown in the event's time zone.
 */
public class DecisionEmailRenderer {

    public static final Locale POLISH = Locale.forLanguageTag("pl");

    private final ManageLinks manageLinks;
    private final MessageSource messages;
    private final SpringTemplateEngine templates;

    public DecisionEmailRenderer(ManageLinks manageLinks) {
        this.manageLinks = manageLinks;
        this.messages = mailMessages();
        this.templates = new SpringTemplateEngine();
        // Expressions compiled to bytecode once they are hot: interpreted, they were a large part of each email's
        // rendering (docs/benchmarks.md, "Session 5: emails").
        templates.setEnableSpringELCompiler(true);
        templates.setTemplateEngineMessageSource(messages);
        templates.addTemplateResolver(resolver("*.html", TemplateMode.HTML, 1));
        templates.addTemplateResolver(resolver("*.txt", TemplateMode.TEXT, 2));
    }

    public static Locale localeOf(Recipient recipient) {
        return recipient != null && recipient.locale() != null && recipient.locale().toLowerCase(Locale.ROOT).startsWith("en")
                ? Locale.ENGLISH : POLISH;
    }

    public DecisionEmail render(RegistrationDecided decided) {
        return render(Notice.about(decided));
    }

    public DecisionEmail render(Notice notice) {
        Recipient recipient = notice.recipient();
        Locale locale = localeOf(recipient);
        EventSummary event = notice.event();
        String eventName = event != null && event.name() != null ? event.name() : notice.eventId();
        EmailKind kind = notice.kind();
        String manageLink = notice.manageRegistrationId() != null && event != null && event.endsOn() != null
                && notice.decidedAt() != null
                ? manageLinks.linkFor(notice.manageRegistrationId(), event, notice.decidedAt()) : null;
        ZoneId zone = zoneOf(event);
        String calendarMethod = kind == EmailKind.CANCELLED ? SessionCalendar.CANCEL : SessionCalendar.PUBLISH;
        byte[] calendar = notice.calendarSessions().isEmpty() ? null : SessionCalendar.of(notice.registrationId(),
                event, notice.calendarSessions(), notice.decidedAt(), manageLink, calendarMethod);

        Context context = new Context(locale);
        context.setVariable("firstName", oneLine(recipient.firstName()));
        context.setVariable("eventName", eventName);
        context.setVariable("eventDates", event == null ? null : dates(event.startsOn(), event.endsOn(), locale));
        context.setVariable("venue", venue(event));
        context.setVariable("sessions", notice.sessions().stream().map(s -> line(s, zone, locale)).toList());
        context.setVariable("manageLink", manageLink);
        context.setVariable("reason", kind == EmailKind.REJECTED ? reasonText(notice.reason(), locale) : null);
        context.setVariable("organiserEmail", event == null ? null : event.organiserEmail());
        context.setVariable("hasCalendar", calendar != null);

        String template = kind.template();
        String subject = messages.getMessage("subject." + template, new Object[] {eventName}, locale);
        String replyTo = event == null ? null : event.organiserEmail();
        return new DecisionEmail(notice.registrationId(), notice.decisionId(), kind, recipient.email(),
                fullName(recipient), replyTo, subject, templates.process(template + ".txt", context),
                templates.process(template + ".html", context), calendar, calendarMethod);
    }

    /** One session as the email lists it. */
    public record SessionLine(String title, String time, String status) {
    }

    private SessionLine line(SessionOutcome session, ZoneId zone, Locale locale) {
        String title = session.title() == null || session.title().isBlank() ? session.sessionId() : session.title();
        Object[] position = {session.waitlistPosition() == null ? "?" : session.waitlistPosition()};
        String status = session.status() == null ? ""
                : messages.getMessage("session." + session.status().name(), position, locale);
        return new SessionLine(title, time(session.startsAt(), session.endsAt(), zone, locale), status);
    }

    private String reasonText(RejectionReason reason, Locale locale) {
        String key = reason == null ? "reason.OTHER" : "reason." + reason.name();
        return messages.getMessage(key, null, messages.getMessage("reason.OTHER", null, locale), locale);
    }

    private static String time(Instant startsAt, Instant endsAt, ZoneId zone, Locale locale) {
        if (startsAt == null) {
            return null;
        }
        DateTimeFormatter dateTime = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", locale);
        ZonedDateTime start = startsAt.atZone(zone);
        if (endsAt == null) {
            return dateTime.format(start);
        }
        ZonedDateTime end = endsAt.atZone(zone);
        DateTimeFormatter endFormat = start.toLocalDate().equals(end.toLocalDate())
                ? DateTimeFormatter.ofPattern("HH:mm", locale) : dateTime;
        return dateTime.format(start) + "–" + endFormat.format(end);
    }

    private static String dates(LocalDate startsOn, LocalDate endsOn, Locale locale) {
        if (startsOn == null) {
            return null;
        }
        DateTimeFormatter date = DateTimeFormatter.ofPattern("d MMMM yyyy", locale);
        return endsOn == null || endsOn.equals(startsOn) ? date.format(startsOn)
                : date.format(startsOn) + " – " + date.format(endsOn);
    }

    private static String venue(EventSummary event) {
        if (event == null || event.venue() == null) {
            return null;
        }
        return event.venueAddress() == null ? event.venue() : event.venue() + ", " + event.venueAddress();
    }

    private static ZoneId zoneOf(EventSummary event) {
        try {
            return event == null || event.timeZone() == null ? ZoneOffset.UTC : ZoneId.of(event.timeZone());
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static String fullName(Recipient recipient) {
        String name = (oneLine(recipient.firstName()) + " " + oneLine(recipient.lastName())).strip();
        return name.isEmpty() ? null : name;
    }

    /** A name as one line of text: whatever control characters someone typed into the form become spaces. */
    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}+", " ").strip();
    }

    private static MessageSource mailMessages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("mail/messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    private static ClassLoaderTemplateResolver resolver(String pattern, TemplateMode mode, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("mail/");
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setOrder(order);
        resolver.setCacheable(true);
        return resolver;
    }
}
