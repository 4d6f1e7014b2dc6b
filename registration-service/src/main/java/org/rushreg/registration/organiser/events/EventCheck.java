package org.rushreg.registration.organiser.events;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.messages.Texts;

/**
 * What an event definition must be before it is stored and sent to the capacity service. The capacity service
 * checks less (ids, time slots, capacities) and would drop a bad definition; here the organiser learns which field
 * is wrong. Ids go into addresses and topics' keys, so they are plain lower-case words.
 */
final class EventCheck {

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    static final int MAX_SESSIONS = 100;
    /** Two years: personal data of a free public event has no reason to outlive the next edition. */
    static final int MAX_RETENTION_DAYS = 730;
    /** The latest a session's no-shows may be released: a day after it starts. */
    static final int MAX_NO_SHOW_RELEASE_MINUTES = 1440;
    /** A week: an address unverified longer than that is not coming back (decision 0030). */
    static final int MAX_VERIFICATION_HOLD_MINUTES = 10080;
    static final int MAX_CAPACITY = 1_000_000;
    /** Names and titles in each language are as long as the single one; a description is a short paragraph. */
    static final int MAX_TITLE = 200;
    static final int MAX_DESCRIPTION = 2000;
    /**
     * The organiser's privacy notice in each language, as long as a description: the system adds the contact, the
     * retention and the version itself (decision 0049), and the whole event form must fit in MAX_BODY_BYTES.
     */
    static final int MAX_PRIVACY_NOTICE = MAX_DESCRIPTION;

    private final List<EventProblem> problems = new ArrayList<>();

    private EventCheck() {
    }

    /** Everything wrong with {@code event} stored under {@code id}; empty when it may be saved. */
    static List<EventProblem> problems(String id, EventDefinition event) {
        EventCheck check = new EventCheck();
        check.event(id, event);
        return List.copyOf(check.problems);
    }

    private void event(String id, EventDefinition event) {
        if (!ID.matcher(id).matches()) {
            add("id", "id", "must be 1 to 64 lower-case letters, digits or hyphens, starting with a letter or digit");
        } else if (event.id() != null && !event.id().equals(id)) {
            add("id", "id-mismatch", "must be the id in the address (" + id + ") or left out");
        }
        text("name", event.name(), true, MAX_TITLE);
        texts("names", event.names(), MAX_TITLE, false);
        texts("descriptions", event.descriptions(), MAX_DESCRIPTION, true);
        texts("privacyNotices", event.privacyNotices(), MAX_PRIVACY_NOTICE, true);
        text("venue", event.venue(), false, 200);
        text("venueAddress", event.venueAddress(), false, 300);
        text("organiserEmail", event.organiserEmail(), false, 254);
        if (event.organiserEmail() != null && !event.organiserEmail().isBlank()
                && !event.organiserEmail().matches("[^\\s@]+@[^\\s@]+\\.[^\\s@]+")) {
            add("organiserEmail", "email", "must be an email address");
        }
        if (event.timeZone() == null || event.timeZone().isBlank()) {
            add("timeZone", "required", "is required (an IANA time zone such as Europe/Warsaw)");
        } else {
            try {
                ZoneId.of(event.timeZone());
            } catch (DateTimeException e) {
                add("timeZone", "zone", "must be an IANA time zone such as Europe/Warsaw");
            }
        }
        if (event.startsOn() == null) {
            add("startsOn", "required", "is required");
        }
        if (event.endsOn() == null) {
            add("endsOn", "required", "is required");
        }
        if (event.startsOn() != null && event.endsOn() != null && event.endsOn().isBefore(event.startsOn())) {
            add("endsOn", "order", "must not be before startsOn");
        }
        if (event.registrationOpensAt() != null && event.registrationClosesAt() != null
                && !event.registrationOpensAt().isBefore(event.registrationClosesAt())) {
            add("registrationClosesAt", "order", "must be after registrationOpensAt");
        }
        if (event.personalDataRetentionDays() != null
                && (event.personalDataRetentionDays() < 0 || event.personalDataRetentionDays() > MAX_RETENTION_DAYS)) {
            add("personalDataRetentionDays", "range", "must be 0 to " + MAX_RETENTION_DAYS
                    + " days after the event's last day (or left out for the service's default)");
        }
        if (event.noShowReleaseMinutes() != null && (event.noShowReleaseMinutes() < 0
                || event.noShowReleaseMinutes() > MAX_NO_SHOW_RELEASE_MINUTES)) {
            add("noShowReleaseMinutes", "no-show-range", "must be 0 to " + MAX_NO_SHOW_RELEASE_MINUTES
                    + " minutes after a session's start (or left out: no release)");
        }
        if (Boolean.TRUE.equals(event.noShowReleaseAutomatic()) && event.noShowReleaseMinutes() == null) {
            add("noShowReleaseAutomatic", "no-show-automatic", "needs noShowReleaseMinutes: the release is sent that"
                    + " many minutes after each session's start (15 is usual)");
        }
        if (event.verificationHoldMinutes() != null && (event.verificationHoldMinutes() < 1
                || event.verificationHoldMinutes() > MAX_VERIFICATION_HOLD_MINUTES)) {
            add("verificationHoldMinutes", "hold-range", "must be 1 to " + MAX_VERIFICATION_HOLD_MINUTES
                    + " minutes (or left out: " + EventDefinition.DEFAULT_VERIFICATION_HOLD_MINUTES + ")");
        }
        sessions(event.sessions());
    }

    private void sessions(List<SessionDefinition> sessions) {
        if (sessions.isEmpty()) {
            add("sessions", "no-sessions", "an event needs at least one session");
        }
        if (sessions.size() > MAX_SESSIONS) {
            add("sessions", "too-many", "at most " + MAX_SESSIONS + " sessions");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < sessions.size(); i++) {
            SessionDefinition s = sessions.get(i);
            String at = "sessions[" + i + "].";
            if (s == null) {
                add("sessions[" + i + "]", "required", "must not be null");
                continue;
            }
            if (s.id() == null || !ID.matcher(s.id()).matches()) {
                add(at + "id", "id", "must be 1 to 64 lower-case letters, digits or hyphens");
            } else if (!ids.add(s.id())) {
                add(at + "id", "duplicate", "session '" + s.id() + "' is defined twice");
            }
            text(at + "title", s.title(), true, MAX_TITLE);
            texts(at + "titles", s.titles(), MAX_TITLE, false);
            texts(at + "descriptions", s.descriptions(), MAX_DESCRIPTION, true);
            if (s.startsAt() == null) {
                add(at + "startsAt", "required", "is required");
            }
            if (s.endsAt() == null) {
                add(at + "endsAt", "required", "is required");
            }
            if (s.startsAt() != null && s.endsAt() != null && !s.startsAt().isBefore(s.endsAt())) {
                add(at + "endsAt", "order", "must be after startsAt");
            }
            if (s.capacity() < 0 || s.capacity() > MAX_CAPACITY) {
                add(at + "capacity", "capacity", "must be between 0 and " + MAX_CAPACITY);
            }
        }
    }

    /** The Polish and English texts, each optional (decision 0045); named {@code names.en} and so on. */
    private void texts(String field, Texts texts, int max, boolean lines) {
        if (texts != null) {
            text(field + ".pl", texts.pl(), false, max, lines);
            text(field + ".en", texts.en(), false, max, lines);
        }
    }

    private void text(String field, String value, boolean required, int max) {
        text(field, value, required, max, false);
    }

    /** {@code lines}: line breaks allowed (a description from the form's text area). */
    private void text(String field, String value, boolean required, int max, boolean lines) {
        if (value == null || value.isBlank()) {
            if (required) {
                add(field, "required", "is required");
            }
        } else if (value.length() > max) {
            add(field, "too-long", "must be at most " + max + " characters");
        } else if (value.chars().anyMatch(c -> Character.isISOControl(c) && !(lines && (c == '\n' || c == '\r')))) {
            add(field, "control", "must not contain control characters");
        }
    }

    private void add(String field, String code, String message) {
        problems.add(new EventProblem(field, code, message));
    }
}
