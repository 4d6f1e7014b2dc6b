package org.rushreg.messages;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * What an event is: its name and place, its days, when registration is open, whether full sessions keep a
 * waitlist, and its sessions. {@code timeZone} is an IANA zone id such as {@code Europe/Warsaw}; a null
 * {@code registrationOpensAt} or {@code registrationClosesAt} leaves that side of the window open.
 *
 * @param personalDataRetentionDays days after the event's last day that its people's personal data is kept; null
 *                                  for the service's default ({@code PERSONAL_DATA_RETENTION_DAYS})
 * @param noShowReleaseMinutes      minutes after a session's start from which its no-shows' seats may be released to
 *                                  waitlisted people who have arrived ({@link ReleaseNoShows}); null (the default):
 *                                  never
 * @param noShowReleaseAutomatic    whether the registration-service sends that release itself once, at each
 *                                  session's start plus {@code noShowReleaseMinutes} (decision 0044); absent (as in
 *                                  definitions written before the option): off, the organiser presses the button
 * @param requireEmailVerification  whether a registration only holds its seats or waitlist places until the person
 *                                  follows the link emailed to them ({@link VerifyEmail}, decision 0030); absent (as
 *                                  in definitions written before the option): off
 * @param verificationHoldMinutes   how long such a hold lasts before its seats go back; null for
 *                                  {@link #DEFAULT_VERIFICATION_HOLD_MINUTES}
 * @param names                     the event's name in Polish and English (decision 0045); null, or a language
 *                                  missing: {@link #nameIn} falls back to the other language, then to {@code name}
 * @param descriptions              what the event is about, in Polish and English; null: no description
 * @param privacyNotices            the organiser's own privacy notice, in Polish and English (decision 0049); null:
 *                                  the event's notice page shows the one composed from the system's settings
 */
public record EventDefinition(String id, String name, String venue, String venueAddress, String timeZone,
                              LocalDate startsOn, LocalDate endsOn, Instant registrationOpensAt,
                              Instant registrationClosesAt, boolean waitlistEnabled, String organiserEmail,
                              List<SessionDefinition> sessions, Integer personalDataRetentionDays,
                              Integer noShowReleaseMinutes, Boolean requireEmailVerification,
                              Integer verificationHoldMinutes, Boolean noShowReleaseAutomatic,
                              Texts names, Texts descriptions, Texts privacyNotices) {

    /** The minutes an organiser's form proposes when the no-show release is switched on. */
    public static final int DEFAULT_NO_SHOW_RELEASE_MINUTES = 15;

    /** How long an unverified registration holds its seats where the event sets no time of its own. */
    public static final int DEFAULT_VERIFICATION_HOLD_MINUTES = 30;

    public EventDefinition {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
        // Boxed so that a definition written before the option (without the field) reads as off.
        requireEmailVerification = Boolean.TRUE.equals(requireEmailVerification);
        noShowReleaseAutomatic = Boolean.TRUE.equals(noShowReleaseAutomatic);
        names = Texts.orNull(names);
        descriptions = Texts.orNull(descriptions);
        privacyNotices = Texts.orNull(privacyNotices);
    }

    /** An event without a privacy notice of the organiser's own. */
    public EventDefinition(String id, String name, String venue, String venueAddress, String timeZone,
                           LocalDate startsOn, LocalDate endsOn, Instant registrationOpensAt,
                           Instant registrationClosesAt, boolean waitlistEnabled, String organiserEmail,
                           List<SessionDefinition> sessions, Integer personalDataRetentionDays,
                           Integer noShowReleaseMinutes, Boolean requireEmailVerification,
                           Integer verificationHoldMinutes, Boolean noShowReleaseAutomatic,
                           Texts names, Texts descriptions) {
        this(id, name, venue, venueAddress, timeZone, startsOn, endsOn, registrationOpensAt, registrationClosesAt,
                waitlistEnabled, organiserEmail, sessions, personalDataRetentionDays, noShowReleaseMinutes,
                requireEmailVerification, verificationHoldMinutes, noShowReleaseAutomatic, names, descriptions, null);
    }

    /** An event with its single name only, in whatever language the organiser wrote it. */
    public EventDefinition(String id, String name, String venue, String venueAddress, String timeZone,
                           LocalDate startsOn, LocalDate endsOn, Instant registrationOpensAt,
                           Instant registrationClosesAt, boolean waitlistEnabled, String organiserEmail,
                           List<SessionDefinition> sessions, Integer personalDataRetentionDays,
                           Integer noShowReleaseMinutes, Boolean requireEmailVerification,
                           Integer verificationHoldMinutes, Boolean noShowReleaseAutomatic) {
        this(id, name, venue, venueAddress, timeZone, startsOn, endsOn, registrationOpensAt, registrationClosesAt,
                waitlistEnabled, organiserEmail, sessions, personalDataRetentionDays, noShowReleaseMinutes,
                requireEmailVerification, verificationHoldMinutes, noShowReleaseAutomatic, null, null);
    }

    /**
     * The event's name for a reader of {@code language} ("pl", "en"): that language's name, else the other
     * language's, else the single {@code name}.
     */
    public String nameIn(String language) {
        return Texts.in(names, language, name);
    }

    /** What the event is about, for a reader of {@code language}; null when the organiser wrote nothing. */
    public String descriptionIn(String language) {
        return Texts.in(descriptions, language, null);
    }

    /** The same event with its name and description in Polish and English (either may be null). */
    public EventDefinition withTexts(Texts names, Texts descriptions) {
        return new EventDefinition(id, name, venue, venueAddress, timeZone, startsOn, endsOn, registrationOpensAt,
                registrationClosesAt, waitlistEnabled, organiserEmail, sessions, personalDataRetentionDays,
                noShowReleaseMinutes, requireEmailVerification, verificationHoldMinutes, noShowReleaseAutomatic,
                names, descriptions, privacyNotices);
    }

    /**
     * The organiser's privacy notice for a reader of {@code language}, else the other language's; null when the
     * organiser wrote none (the notice page then shows the one the system composes).
     */
    public String privacyNoticeIn(String language) {
        return Texts.in(privacyNotices, language, null);
    }

    /** The same event with the organiser's privacy notice in Polish and English (null: none of its own). */
    public EventDefinition withPrivacyNotices(Texts privacyNotices) {
        return new EventDefinition(id, name, venue, venueAddress, timeZone, startsOn, endsOn, registrationOpensAt,
                registrationClosesAt, waitlistEnabled, organiserEmail, sessions, personalDataRetentionDays,
                noShowReleaseMinutes, requireEmailVerification, verificationHoldMinutes, noShowReleaseAutomatic,
                names, descriptions, privacyNotices);
    }

    /** The same event with {@code sessions} instead of its own. */
    public EventDefinition withSessions(List<SessionDefinition> sessions) {
        return new EventDefinition(id, name, venue, venueAddress, timeZone, startsOn, endsOn, registrationOpensAt,
                registrationClosesAt, waitlistEnabled, organiserEmail, sessions, personalDataRetentionDays,
                noShowReleaseMinutes, requireEmailVerification, verificationHoldMinutes, noShowReleaseAutomatic,
                names, descriptions, privacyNotices);
    }

    /** An event whose no-show release, if any, is the organiser's button only. */
    public EventDefinition(String id, String name, String venue, String venueAddress, String timeZone,
                           LocalDate startsOn, LocalDate endsOn, Instant registrationOpensAt,
                           Instant registrationClosesAt, boolean waitlistEnabled, String organiserEmail,
                           List<SessionDefinition> sessions, Integer personalDataRetentionDays,
                           Integer noShowReleaseMinutes, Boolean requireEmailVerification,
                           Integer verificationHoldMinutes) {
        this(id, name, venue, venueAddress, timeZone, startsOn, endsOn, registrationOpensAt, registrationClosesAt,
                waitlistEnabled, organiserEmail, sessions, personalDataRetentionDays, noShowReleaseMinutes,
                requireEmailVerification, verificationHoldMinutes, false);
    }

    /** An event without email verification. */
    public EventDefinition(String id, String name, String venue, String venueAddress, String timeZone,
                           LocalDate startsOn, LocalDate endsOn, Instant registrationOpensAt,
                           Instant registrationClosesAt, boolean waitlistEnabled, String organiserEmail,
                           List<SessionDefinition> sessions, Integer personalDataRetentionDays,
                           Integer noShowReleaseMinutes) {
        this(id, name, venue, venueAddress, timeZone, startsOn, endsOn, registrationOpensAt, registrationClosesAt,
                waitlistEnabled, organiserEmail, sessions, personalDataRetentionDays, noShowReleaseMinutes, false,
                null);
    }

    /** An event without the no-show release. */
    public EventDefinition(String id, String name, String venue, String venueAddress, String timeZone,
                           LocalDate startsOn, LocalDate endsOn, Instant registrationOpensAt,
                           Instant registrationClosesAt, boolean waitlistEnabled, String organiserEmail,
                           List<SessionDefinition> sessions, Integer personalDataRetentionDays) {
        this(id, name, venue, venueAddress, timeZone, startsOn, endsOn, registrationOpensAt, registrationClosesAt,
                waitlistEnabled, organiserEmail, sessions, personalDataRetentionDays, null);
    }

    /** The same event with the no-show release after {@code minutes} (null: off). */
    public EventDefinition withNoShowReleaseMinutes(Integer minutes) {
        return new EventDefinition(id, name, venue, venueAddress, timeZone, startsOn, endsOn, registrationOpensAt,
                registrationClosesAt, waitlistEnabled, organiserEmail, sessions, personalDataRetentionDays, minutes,
                requireEmailVerification, verificationHoldMinutes, noShowReleaseAutomatic, names, descriptions,
                privacyNotices);
    }

    /**
     * The same event with the no-show release after {@code minutes} (null: off), sent by the registration-service
     * itself when {@code automatic}, else by the organiser's button only.
     */
    public EventDefinition withNoShowRelease(Integer minutes, boolean automatic) {
        return new EventDefinition(id, name, venue, venueAddress, timeZone, startsOn, endsOn, registrationOpensAt,
                registrationClosesAt, waitlistEnabled, organiserEmail, sessions, personalDataRetentionDays, minutes,
                requireEmailVerification, verificationHoldMinutes, automatic, names, descriptions, privacyNotices);
    }

    /** The same event requiring email verification with holds of {@code holdMinutes} (null: the default). */
    public EventDefinition withEmailVerification(boolean required, Integer holdMinutes) {
        return new EventDefinition(id, name, venue, venueAddress, timeZone, startsOn, endsOn, registrationOpensAt,
                registrationClosesAt, waitlistEnabled, organiserEmail, sessions, personalDataRetentionDays,
                noShowReleaseMinutes, required, holdMinutes, noShowReleaseAutomatic, names, descriptions,
                privacyNotices);
    }

    /** Until when a registration decided at {@code decidedAt} holds its seats unverified; null without verification. */
    public Instant verificationHoldUntil(Instant decidedAt) {
        if (!Boolean.TRUE.equals(requireEmailVerification)) {
            return null;
        }
        int minutes = verificationHoldMinutes != null ? verificationHoldMinutes : DEFAULT_VERIFICATION_HOLD_MINUTES;
        return decidedAt.plusSeconds(60L * minutes);
    }

    /** When the no-shows of {@code session} may be released; null when this event does not release them. */
    public Instant noShowReleaseFrom(SessionDefinition session) {
        return noShowReleaseMinutes == null || session.startsAt() == null ? null
                : session.startsAt().plusSeconds(60L * noShowReleaseMinutes);
    }

    /** Whether the registration-service releases the no-shows of each session by itself (decision 0044). */
    public boolean releasesNoShowsAutomatically() {
        return noShowReleaseMinutes != null && Boolean.TRUE.equals(noShowReleaseAutomatic);
    }

    /** An event whose personal data is kept for the service's default. */
    public EventDefinition(String id, String name, String venue, String venueAddress, String timeZone,
                           LocalDate startsOn, LocalDate endsOn, Instant registrationOpensAt,
                           Instant registrationClosesAt, boolean waitlistEnabled, String organiserEmail,
                           List<SessionDefinition> sessions) {
        this(id, name, venue, venueAddress, timeZone, startsOn, endsOn, registrationOpensAt, registrationClosesAt,
                waitlistEnabled, organiserEmail, sessions, null, null);
    }

    /**
     * When this event's people are to be forgotten: the retention days after the event, counted in whole days of the
     * event's time zone from the start of the day after its last day, or from the close of registration if that is
     * later (nobody is forgotten while people can still register). Null for an event without dates.
     *
     * @param defaultDays the retention where the event sets none
     */
    public Instant personalDataExpiresAt(int defaultDays) {
        LocalDate lastDay = endsOn != null ? endsOn : startsOn;
        if (lastDay == null) {
            return null;
        }
        ZoneId zone = zone();
        Instant over = lastDay.plusDays(1).atStartOfDay(zone).toInstant();
        if (registrationClosesAt != null && registrationClosesAt.isAfter(over)) {
            over = registrationClosesAt;
        }
        int days = personalDataRetentionDays != null ? personalDataRetentionDays : defaultDays;
        return over.atZone(zone).plusDays(days).toInstant();
    }

    /** The last day, in the event's zone, that its people's personal data is kept; null for an event without days. */
    public LocalDate personalDataKeptUntil(int defaultDays) {
        Instant expiresAt = personalDataExpiresAt(defaultDays);
        return expiresAt == null ? null
                : expiresAt.minusNanos(1).atZone(zone()).toLocalDate();
    }

    /** The event's time zone, in which its days and times are read; UTC for an event without one Java knows. */
    public ZoneId zone() {
        try {
            return timeZone == null ? ZoneOffset.UTC : ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    public boolean registrationOpenAt(Instant moment) {
        return (registrationOpensAt == null || !moment.isBefore(registrationOpensAt))
                && (registrationClosesAt == null || moment.isBefore(registrationClosesAt));
    }
}
