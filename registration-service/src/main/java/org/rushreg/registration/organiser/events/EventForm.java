package org.rushreg.registration.organiser.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.messages.Texts;

/**
 * The event form as posted: every field as typed, so that a refused form comes back as it was. Times are local
 * times in the event's time zone ({@code datetime-local} inputs); the form always offers a few blank session rows
 * for new sessions, so it works without JavaScript.
 */
public class EventForm {

    static final int BLANK_ROWS = 3;

    private static final Pattern SESSION_FIELD = Pattern.compile("sessions\\[(\\d+)](.*)");

    private String id = "";
    private String name = "";
    /** The name and description in Polish and English (decision 0045); blank: not given, {@code name} is shown. */
    private String namePl = "";
    private String nameEn = "";
    private String descriptionPl = "";
    private String descriptionEn = "";
    /** The organiser's own privacy notice (decision 0049); blank: the notice page shows the composed one. */
    private String privacyNoticePl = "";
    private String privacyNoticeEn = "";
    private String venue = "";
    private String venueAddress = "";
    private String timeZone = "Europe/Warsaw";
    private String startsOn = "";
    private String endsOn = "";
    private String registrationOpensAt = "";
    private String registrationClosesAt = "";
    private boolean waitlistEnabled = true;
    private String organiserEmail = "";
    /** Blank: the service's default (PERSONAL_DATA_RETENTION_DAYS). */
    private String personalDataRetentionDays = "";
    private String noShowReleaseMinutes = "";
    /** Whether the service sends the no-show release itself (decision 0044): off unless ticked. */
    private boolean noShowReleaseAutomatic;
    /** Email verification holds (decision 0030): off unless ticked; blank minutes: the default. */
    private boolean requireEmailVerification;
    private String verificationHoldMinutes = "";
    private List<SessionRow> sessions = new ArrayList<>();

    /** The form of a stored event, with blank rows to add sessions. */
    static EventForm of(EventDefinition event) {
        EventForm form = new EventForm();
        ZoneId zone = zoneOr(event.timeZone());
        form.id = event.id();
        form.name = text(event.name());
        form.namePl = pl(event.names());
        form.nameEn = en(event.names());
        form.descriptionPl = pl(event.descriptions());
        form.descriptionEn = en(event.descriptions());
        form.privacyNoticePl = pl(event.privacyNotices());
        form.privacyNoticeEn = en(event.privacyNotices());
        form.venue = text(event.venue());
        form.venueAddress = text(event.venueAddress());
        form.timeZone = text(event.timeZone());
        form.startsOn = event.startsOn() == null ? "" : event.startsOn().toString();
        form.endsOn = event.endsOn() == null ? "" : event.endsOn().toString();
        form.registrationOpensAt = local(event.registrationOpensAt(), zone);
        form.registrationClosesAt = local(event.registrationClosesAt(), zone);
        form.waitlistEnabled = event.waitlistEnabled();
        form.organiserEmail = text(event.organiserEmail());
        form.personalDataRetentionDays = event.personalDataRetentionDays() == null
                ? "" : event.personalDataRetentionDays().toString();
        form.noShowReleaseMinutes = event.noShowReleaseMinutes() == null
                ? "" : event.noShowReleaseMinutes().toString();
        form.noShowReleaseAutomatic = Boolean.TRUE.equals(event.noShowReleaseAutomatic());
        form.requireEmailVerification = Boolean.TRUE.equals(event.requireEmailVerification());
        form.verificationHoldMinutes = event.verificationHoldMinutes() == null
                ? "" : event.verificationHoldMinutes().toString();
        for (SessionDefinition s : event.sessions()) {
            SessionRow row = new SessionRow();
            row.setId(s.id());
            row.setTitle(s.title());
            row.setTitlePl(pl(s.titles()));
            row.setTitleEn(en(s.titles()));
            row.setDescriptionPl(pl(s.descriptions()));
            row.setDescriptionEn(en(s.descriptions()));
            row.setStartsAt(local(s.startsAt(), zone));
            row.setEndsAt(local(s.endsAt(), zone));
            row.setCapacity(String.valueOf(s.capacity()));
            row.setCancelled(!s.offered());
            form.sessions.add(row);
        }
        return form.withBlankRows();
    }

    EventForm withBlankRows() {
        sessions.removeIf(SessionRow::blank);
        for (int i = 0; i < BLANK_ROWS; i++) {
            sessions.add(new SessionRow());
        }
        return this;
    }

    /**
     * The definition the form describes, or the problems with it: what cannot be read here (a date, a number) and
     * what {@link EventCheck} refuses, each named by the form's own field names ({@code sessions[3].capacity} is
     * the fourth row of the table, whichever rows were left blank).
     */
    EventDefinition toDefinition(String eventId, List<EventProblem> problems) {
        ZoneId zone = zoneOr(timeZone);
        List<SessionDefinition> defined = new ArrayList<>();
        List<Integer> rowOf = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            SessionRow row = sessions.get(i);
            if (row.blank() || row.isRemove()) {
                continue;
            }
            String at = "sessions[" + i + "].";
            int capacity = -1;
            try {
                capacity = Integer.parseInt(row.getCapacity());
            } catch (NumberFormatException e) {
                problems.add(new EventProblem(at + "capacity", "number", "must be a whole number"));
            }
            defined.add(new SessionDefinition(row.getId(), row.getTitle(),
                    instant(row.getStartsAt(), zone, at + "startsAt", problems),
                    instant(row.getEndsAt(), zone, at + "endsAt", problems), Math.max(capacity, 0),
                    row.isCancelled(), Texts.of(row.getTitlePl(), row.getTitleEn()),
                    Texts.of(row.getDescriptionPl(), row.getDescriptionEn())));
            rowOf.add(i);
        }
        EventDefinition event = new EventDefinition(eventId, name, venue, venueAddress, timeZone,
                date(startsOn, "startsOn", problems), date(endsOn, "endsOn", problems),
                instant(registrationOpensAt, zone, "registrationOpensAt", problems),
                instant(registrationClosesAt, zone, "registrationClosesAt", problems), waitlistEnabled,
                organiserEmail, defined, retentionDays(problems), null)
                .withNoShowRelease(noShowMinutes(problems), noShowReleaseAutomatic)
                .withEmailVerification(requireEmailVerification, holdMinutes(problems))
                .withTexts(Texts.of(namePl, nameEn), Texts.of(descriptionPl, descriptionEn))
                .withPrivacyNotices(Texts.of(privacyNoticePl, privacyNoticeEn));
        for (EventProblem checked : EventCheck.problems(eventId, event)) {
            EventProblem p = new EventProblem(formField(checked.field()), checked.code(), checked.message());
            Matcher m = SESSION_FIELD.matcher(p.field());
            EventProblem onRow = m.matches()
                    ? new EventProblem("sessions[" + rowOf.get(Integer.parseInt(m.group(1))) + "]" + m.group(2),
                    p.code(), p.message())
                    : p;
            if (problems.stream().noneMatch(known -> known.field().equals(onRow.field()))) {
                problems.add(onRow);
            }
        }
        return event;
    }

    /** A text's Polish version as the form shows it: "" where there is none. */
    private static String pl(Texts texts) {
        return texts == null ? "" : text(texts.pl());
    }

    private static String en(Texts texts) {
        return texts == null ? "" : text(texts.en());
    }

    /** The form's name of a field {@link EventCheck} names as the API does ({@code names.pl} is {@code namePl}). */
    private static String formField(String field) {
        return field.replace("privacyNotices.pl", "privacyNoticePl").replace("privacyNotices.en", "privacyNoticeEn")
                .replace("names.pl", "namePl").replace("names.en", "nameEn")
                .replace("descriptions.pl", "descriptionPl").replace("descriptions.en", "descriptionEn")
                .replace("titles.pl", "titlePl").replace("titles.en", "titleEn");
    }

    private static LocalDate date(String text, String field, List<EventProblem> problems) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(new EventProblem(field, "date", "must be a date such as 2024-10-07"));
            return null;
        }
    }

    private static Instant instant(String text, ZoneId zone, String field, List<EventProblem> problems) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(new EventProblem(field, "time", "must be a date and time such as 2024-10-07T09:00"));
            return null;
        }
    }

    private static String local(Instant instant, ZoneId zone) {
        return instant == null ? "" : LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MINUTES), zone).toString();
    }

    private static ZoneId zoneOr(String timeZone) {
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException | NullPointerException e) {
            return ZoneOffset.UTC;
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /**
     * A text area's text as stored: browsers post its line breaks as CRLF, kept as LF so that a form saved unchanged
     * changes nothing (texts set through the API or the seed have LF).
     */
    static String lines(String value) {
        return value == null ? "" : value.replace("\r\n", "\n");
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = text(id).strip();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = text(name);
    }

    public String getNamePl() {
        return namePl;
    }

    public void setNamePl(String namePl) {
        this.namePl = text(namePl);
    }

    public String getNameEn() {
        return nameEn;
    }

    public void setNameEn(String nameEn) {
        this.nameEn = text(nameEn);
    }

    public String getDescriptionPl() {
        return descriptionPl;
    }

    public void setDescriptionPl(String descriptionPl) {
        this.descriptionPl = lines(descriptionPl);
    }

    public String getDescriptionEn() {
        return descriptionEn;
    }

    public void setDescriptionEn(String descriptionEn) {
        this.descriptionEn = lines(descriptionEn);
    }

    public String getPrivacyNoticePl() {
        return privacyNoticePl;
    }

    public void setPrivacyNoticePl(String privacyNoticePl) {
        this.privacyNoticePl = lines(privacyNoticePl);
    }

    public String getPrivacyNoticeEn() {
        return privacyNoticeEn;
    }

    public void setPrivacyNoticeEn(String privacyNoticeEn) {
        this.privacyNoticeEn = lines(privacyNoticeEn);
    }

    public String getVenue() {
        return venue;
    }

    public void setVenue(String venue) {
        this.venue = text(venue);
    }

    public String getVenueAddress() {
        return venueAddress;
    }

    public void setVenueAddress(String venueAddress) {
        this.venueAddress = text(venueAddress);
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = text(timeZone).strip();
    }

    public String getStartsOn() {
        return startsOn;
    }

    public void setStartsOn(String startsOn) {
        this.startsOn = text(startsOn).strip();
    }

    public String getEndsOn() {
        return endsOn;
    }

    public void setEndsOn(String endsOn) {
        this.endsOn = text(endsOn).strip();
    }

    public String getRegistrationOpensAt() {
        return registrationOpensAt;
    }

    public void setRegistrationOpensAt(String registrationOpensAt) {
        this.registrationOpensAt = text(registrationOpensAt).strip();
    }

    public String getRegistrationClosesAt() {
        return registrationClosesAt;
    }

    public void setRegistrationClosesAt(String registrationClosesAt) {
        this.registrationClosesAt = text(registrationClosesAt).strip();
    }

    public boolean isWaitlistEnabled() {
        return waitlistEnabled;
    }

    public void setWaitlistEnabled(boolean waitlistEnabled) {
        this.waitlistEnabled = waitlistEnabled;
    }

    private Integer retentionDays(List<EventProblem> problems) {
        if (personalDataRetentionDays.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(personalDataRetentionDays.strip());
        } catch (NumberFormatException e) {
            problems.add(new EventProblem("personalDataRetentionDays", "number", "must be a whole number of days"));
            return null;
        }
    }

    private Integer noShowMinutes(List<EventProblem> problems) {
        if (noShowReleaseMinutes.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(noShowReleaseMinutes.strip());
        } catch (NumberFormatException e) {
            problems.add(new EventProblem("noShowReleaseMinutes", "number", "must be a whole number of minutes"));
            return null;
        }
    }

    private Integer holdMinutes(List<EventProblem> problems) {
        if (verificationHoldMinutes.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(verificationHoldMinutes.strip());
        } catch (NumberFormatException e) {
            problems.add(new EventProblem("verificationHoldMinutes", "number", "must be a whole number of minutes"));
            return null;
        }
    }

    public boolean isRequireEmailVerification() {
        return requireEmailVerification;
    }

    public void setRequireEmailVerification(boolean requireEmailVerification) {
        this.requireEmailVerification = requireEmailVerification;
    }

    public String getVerificationHoldMinutes() {
        return verificationHoldMinutes;
    }

    public void setVerificationHoldMinutes(String verificationHoldMinutes) {
        this.verificationHoldMinutes = text(verificationHoldMinutes);
    }

    public String getNoShowReleaseMinutes() {
        return noShowReleaseMinutes;
    }

    public void setNoShowReleaseMinutes(String noShowReleaseMinutes) {
        this.noShowReleaseMinutes = text(noShowReleaseMinutes);
    }

    public boolean isNoShowReleaseAutomatic() {
        return noShowReleaseAutomatic;
    }

    public void setNoShowReleaseAutomatic(boolean noShowReleaseAutomatic) {
        this.noShowReleaseAutomatic = noShowReleaseAutomatic;
    }

    public String getPersonalDataRetentionDays() {
        return personalDataRetentionDays;
    }

    public void setPersonalDataRetentionDays(String personalDataRetentionDays) {
        this.personalDataRetentionDays = text(personalDataRetentionDays);
    }

    public String getOrganiserEmail() {
        return organiserEmail;
    }

    public void setOrganiserEmail(String organiserEmail) {
        this.organiserEmail = text(organiserEmail);
    }

    public List<SessionRow> getSessions() {
        return sessions;
    }

    public void setSessions(List<SessionRow> sessions) {
        this.sessions = sessions == null ? new ArrayList<>() : sessions;
    }
}
