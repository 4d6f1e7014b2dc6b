package org.rushreg.notification.rendering;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rushreg.messages.EventSummary;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RejectionReason;
import org.rushreg.messages.SessionOutcome;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Writes the email for a {@link RegistrationDecided} in the registrant's language (Polish unless they chose
 * English): an HTML and a plain-text body from the templates in {@code mail/}, and the calendar files of the
 * sessions it is about. Dates and times are shown in the event's time zone.
 *
 * <p>Every text is prepared here, in the registrant's language, and the templates only lay it out: logic-less
 * Mustache templates, compiled once, cost a small fraction of the CPU of an expression-evaluating engine per email
 * (docs/benchmarks.md). The HTML template escapes every value.
 */
public class DecisionEmailRenderer {

    /** Patterns parsed once; each email takes them in its own language ({@code withLocale} is a cheap copy). */
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    public static final Locale POLISH = Locale.forLanguageTag("pl");

    /** What HTML needs escaped in text and in quoted attributes; a link's {@code =} stays readable. */
    private static final Mustache.Escaper HTML = Escapers.simple(new String[][] {
            {"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}, {"'", "&#39;"}});

    /** The texts every email has: the name the templates use, and the message key. */
    private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("labelWhen", "label.when"),
            Map.entry("labelVenue", "label.venue"), Map.entry("labelSessions", "label.sessions"),
            Map.entry("manageText", "manage.text"), Map.entry("manageLinkText", "manage.link"),
            Map.entry("contact", "contact"), Map.entry("footer", "footer"), Map.entry("ticketTitle", "ticket.title"),
            Map.entry("ticketNote", "ticket.note"), Map.entry("ticketCodeLabel", "ticket.code"),
            Map.entry("ticketAlt", "ticket.alt"), Map.entry("ticketTextNote", "ticket.text-note"),
            Map.entry("labelChanges", "label.changes"), Map.entry("labelWas", "label.was"),
            Map.entry("labelNow", "label.now"));

    private final ManageLinks manageLinks;
    private final EmailTickets tickets;
    private final MessageSource messages;
    private final Template html;
    private final Template text;
    /** {@link #LABELS} in each language an email is written in, looked up once. */
    private final Map<Locale, Map<String, String>> labels;

    public DecisionEmailRenderer(ManageLinks manageLinks, EmailTickets tickets) {
        this.manageLinks = manageLinks;
        this.tickets = tickets;
        this.messages = mailMessages();
        // An empty text is no text: a section like {{#venue}} is left out for "" as for null.
        Mustache.Compiler compiler = Mustache.compiler().emptyStringIsFalse(true).zeroIsFalse(false);
        this.html = template(compiler.withEscaper(HTML), "mail/email.html.mustache");
        this.text = template(compiler.escapeHTML(false), "mail/email.txt.mustache");
        this.labels = Map.of(POLISH, labels(POLISH), Locale.ENGLISH, labels(Locale.ENGLISH));
    }

    public static Locale localeOf(Recipient recipient) {
        return recipient != null && recipient.locale() != null && recipient.locale().toLowerCase(Locale.ROOT).startsWith("en")
                ? Locale.ENGLISH : POLISH;
    }

    public DecisionEmail render(RegistrationDecided decided, CalendarStamp calendar) {
        return render(Notice.about(decided), calendar);
    }

    /** The email of a notice; {@code calendar} stamps its calendar files (organiser, each entry's sequence). */
    public DecisionEmail render(Notice notice, CalendarStamp calendar) {
        Recipient recipient = notice.recipient();
        Locale locale = localeOf(recipient);
        EventSummary event = notice.event();
        // Names and titles in the recipient's language where the organiser gave them (decision 0045).
        String eventName = event != null && event.nameIn(locale.getLanguage()) != null
                ? event.nameIn(locale.getLanguage()) : notice.eventId();
        EmailKind kind = notice.kind();
        boolean signable = notice.manageRegistrationId() != null && event != null && event.endsOn() != null
                && notice.decidedAt() != null;
        boolean verification = kind == EmailKind.VERIFY_EMAIL;
        String manageLink = !signable ? null : verification
                ? manageLinks.verifyLinkFor(notice.manageRegistrationId(), event, notice.decidedAt())
                : manageLinks.linkFor(notice.manageRegistrationId(), event, notice.decidedAt());
        ZoneId zone = zoneOf(event);
        List<CalendarFile> calendars = SessionCalendar.files(new SessionCalendar.Context(notice.registrationId(),
                event, recipient, notice.decidedAt(), manageLink, calendar), notice.calendarSessions(),
                kind == EmailKind.CANCELLED);

        String firstName = oneLine(recipient.firstName());
        String template = kind.template();
        Map<String, Object> values = new HashMap<>();
        values.put("lang", locale.getLanguage());
        values.put("eventName", eventName);
        values.put("greeting", firstName.isEmpty() ? text("greeting.anonymous", locale)
                : text("greeting", locale, firstName));
        values.put("intro", kind == EmailKind.REMINDER
                ? text("intro." + template, locale, eventName, firstStart(notice.sessions(), event, zone, locale))
                : kind == EmailKind.SESSION_CANCELLED_BY_ORGANISER && !notice.sessions().isEmpty()
                ? text("intro." + template, locale, eventName,
                        line(notice.sessions().get(0), "session.", zone, locale).title())
                : kind == EmailKind.VERIFY_EMAIL || kind == EmailKind.HOLD_EXPIRED
                ? text("intro." + template, locale, eventName, deadline(notice.heldUntil(), zone, locale))
                : text("intro." + template, locale, eventName));
        Notice.OrganiserText own = notice.text();
        boolean english = Locale.ENGLISH.equals(locale);
        values.put("paragraphs", own == null ? List.of() : paragraphs(english ? own.bodyEn() : own.bodyPl()));
        values.put("reason", kind == EmailKind.REJECTED ? reasonText(notice.reason(), locale)
                : kind == EmailKind.SESSION_CANCELLED_BY_ORGANISER && notice.manageRegistrationId() == null
                ? text("note.registration-ended", locale) : null);
        List<ChangeLine> changes = changes(notice, zone, locale);
        values.put("hasChanges", !changes.isEmpty());
        values.put("changes", changes);
        values.put("eventDates", event == null ? null : dates(event.startsOn(), event.endsOn(), locale));
        values.put("venue", venue(event));
        // What a hold lists is held, not yet given: "seat held", "waitlist place held".
        String statusKeys = verification ? "session.held." : "session.";
        List<SessionLine> sessions = notice.sessions().stream().map(s -> line(s, statusKeys, zone, locale)).toList();
        values.put("hasSessions", !sessions.isEmpty());
        values.put("sessions", sessions);
        values.put("manageLink", manageLink);
        values.put("calendarNote", calendars.isEmpty() ? null : text("calendar.note", locale));
        values.put("organiserEmail", event == null ? null : event.organiserEmail());
        EmailTickets.EmailTicket ticket = carriesTicket(notice)
                ? tickets.of(notice.eventId(), notice.registrationId()) : null;
        if (ticket != null) {
            values.put("ticketCode", ticket.ticket().shortCode());
            values.put("ticketImage", "cid:" + DecisionEmail.ticketContentId(notice.registrationId()));
            values.put("ticketPixels", ticket.pixels());
        }
        values.putAll(labels.get(locale));
        if (verification) {
            values.put("manageText", text("verify.text", locale));
            values.put("manageLinkText", text("verify.link", locale));
        }

        String subject = own == null ? text("subject." + template, locale, eventName)
                : text("subject." + template, locale, eventName, oneLine(english ? own.subjectEn() : own.subjectPl()));
        String replyTo = event == null ? null : event.organiserEmail();
        return new DecisionEmail(notice.registrationId(), notice.decisionId(), kind, recipient.email(),
                fullName(recipient), replyTo, subject, text.execute(values), html.execute(values), calendars,
                ticket == null ? null : ticket.png());
    }

    /**
     * An email that tells someone they hold a seat carries their ticket: a confirmation, a promotion, a change of
     * sessions that leaves a seat. A waitlist place is no ticket; a cancellation ends it.
     */
    private static boolean carriesTicket(Notice notice) {
        boolean seatKind = notice.kind() == EmailKind.CONFIRMED || notice.kind() == EmailKind.PROMOTED
                || notice.kind() == EmailKind.SESSIONS_CHANGED || notice.kind() == EmailKind.REMINDER;
        return seatKind && notice.eventId() != null && notice.registrationId() != null
                && !Notice.confirmed(notice.sessions()).isEmpty();
    }

    /** An organiser's text as the email shows it: paragraphs at blank lines, each keeping its line breaks. */
    static List<String> paragraphs(String body) {
        if (body == null || body.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(body.strip().split("\\R\\s*\\R")).map(String::strip).toList();
    }

    private Map<String, String> labels(Locale locale) {
        Map<String, String> texts = new HashMap<>();
        LABELS.forEach((name, key) -> texts.put(name, text(key, locale)));
        return Map.copyOf(texts);
    }

    private String text(String key, Locale locale, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
    }

    /** One session as the email lists it. */
    public record SessionLine(String title, String time, String status) {
    }

    private SessionLine line(SessionOutcome session, String statusKeys, ZoneId zone, Locale locale) {
        String own = session.titleIn(locale.getLanguage());
        String title = own == null || own.isBlank() ? session.sessionId() : own;
        Object[] position = {session.waitlistPosition() == null ? "?" : session.waitlistPosition()};
        String status = session.status() == null ? ""
                : messages.getMessage(statusKeys + session.status().name(), position, locale);
        return new SessionLine(title, time(session.startsAt(), session.endsAt(), zone, locale), status);
    }

    /** What an organiser's change changed, the old beside the new: the session's time, the place. */
    public record ChangeLine(String what, String was, String now) {
    }

    private List<ChangeLine> changes(Notice notice, ZoneId zone, Locale locale) {
        Notice.Before before = notice.before();
        if (before == null) {
            return List.of();
        }
        List<ChangeLine> changes = new java.util.ArrayList<>();
        if (before.session() != null && !notice.sessions().isEmpty()) {
            SessionOutcome now = notice.sessions().get(0);
            String was = time(before.session().startsAt(), before.session().endsAt(), zone, locale);
            String is = time(now.startsAt(), now.endsAt(), zone, locale);
            if (was != null && !was.equals(is)) {
                changes.add(new ChangeLine(text("label.when", locale), was, is));
            }
        }
        if (before.event() != null) {
            String was = venue(before.event());
            String is = venue(notice.event());
            if (was != null && !was.equals(is)) {
                changes.add(new ChangeLine(text("label.venue", locale), was, is));
            }
        }
        return List.copyOf(changes);
    }

    private String reasonText(RejectionReason reason, Locale locale) {
        String key = reason == null ? "reason.OTHER" : "reason." + reason.name();
        return messages.getMessage(key, null, messages.getMessage("reason.OTHER", null, locale), locale);
    }

    private static String time(Instant startsAt, Instant endsAt, ZoneId zone, Locale locale) {
        if (startsAt == null) {
            return null;
        }
        DateTimeFormatter dateTime = DATE_TIME.withLocale(locale);
        ZonedDateTime start = startsAt.atZone(zone);
        if (endsAt == null) {
            return dateTime.format(start);
        }
        ZonedDateTime end = endsAt.atZone(zone);
        DateTimeFormatter endFormat = start.toLocalDate().equals(end.toLocalDate())
                ? TIME.withLocale(locale) : dateTime;
        return dateTime.format(start) + "–" + endFormat.format(end);
    }

    /** The end of a hold, in the event's zone; "" when unknown. */
    private static String deadline(Instant heldUntil, ZoneId zone, Locale locale) {
        return heldUntil == null ? ""
                : DATE_TIME.withLocale(locale).format(heldUntil.atZone(zone));
    }

    /** When the first of the sessions starts, for a reminder's introduction (the event's first day if none has a time). */
    private static String firstStart(List<SessionOutcome> sessions, EventSummary event, ZoneId zone, Locale locale) {
        return sessions.stream().map(SessionOutcome::startsAt).filter(java.util.Objects::nonNull)
                .min(java.util.Comparator.naturalOrder())
                .map(start -> DATE_TIME.withLocale(locale).format(start.atZone(zone)))
                .orElseGet(() -> event == null ? "" : java.util.Objects.toString(dates(event.startsOn(), null, locale), ""));
    }

    private static String dates(LocalDate startsOn, LocalDate endsOn, Locale locale) {
        if (startsOn == null) {
            return null;
        }
        DateTimeFormatter date = DATE.withLocale(locale);
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
        return text == null ? "" : SafeText.oneLine(text);
    }

    private static MessageSource mailMessages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("mail/messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    private static Template template(Mustache.Compiler compiler, String resource) {
        try (Reader reader = new InputStreamReader(
                DecisionEmailRenderer.class.getClassLoader().getResourceAsStream(resource), StandardCharsets.UTF_8)) {
            return compiler.compile(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mail template " + resource, e);
        }
    }
}
