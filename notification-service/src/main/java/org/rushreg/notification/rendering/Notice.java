package org.rushreg.notification.rendering;

import java.time.Instant;
import java.util.List;
import org.rushreg.messages.EventSummary;
import org.rushreg.messages.OrganiserMessageAddressed;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.RegistrationCancelled;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationHeld;
import org.rushreg.messages.RegistrationHoldExpired;
import org.rushreg.messages.RegistrationPromoted;
import org.rushreg.messages.RejectionReason;
import org.rushreg.messages.SessionCancelledByOrganiser;
import org.rushreg.messages.SessionChangedByOrganiser;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.SessionsChanged;

/**
 * Everything one email says, whichever message it came from. {@code decisionId} is the message id of that message
 * (it becomes the Message-ID), {@code manageRegistrationId} the registration the manage link opens (for an "already
 * registered" reminder the earlier one), {@code calendarSessions} the sessions of the .ics attachment, and
 * {@code before} what an organiser's change changed, {@code heldUntil} the end of a hold for email verification
 * (decision 0030), {@code text} the organisers' own words (decision 0042); each null for every other email.
 */
public record Notice(EmailKind kind, String registrationId, String decisionId, Instant decidedAt, String eventId,
                     EventSummary event, Recipient recipient, List<SessionOutcome> sessions, RejectionReason reason,
                     String manageRegistrationId, List<SessionOutcome> calendarSessions, Before before,
                     Instant heldUntil, OrganiserText text) {

    /** An organiser's message in both languages; the email takes the recipient's. */
    public record OrganiserText(String subjectPl, String bodyPl, String subjectEn, String bodyEn) {
    }

    public Notice(EmailKind kind, String registrationId, String decisionId, Instant decidedAt, String eventId,
                  EventSummary event, Recipient recipient, List<SessionOutcome> sessions, RejectionReason reason,
                  String manageRegistrationId, List<SessionOutcome> calendarSessions, Before before,
                  Instant heldUntil) {
        this(kind, registrationId, decisionId, decidedAt, eventId, event, recipient, sessions, reason,
                manageRegistrationId, calendarSessions, before, heldUntil, null);
    }

    /**
     * The organisers' message (decision 0042): their subject and text in the recipient's language, the event, the
     * manage link; no sessions listed, no calendar file, no ticket. {@code recipient} is the one kept from the
     * registration's first decision.
     */
    public static Notice organiserMessage(OrganiserMessageAddressed message, Recipient recipient) {
        return new Notice(EmailKind.ORGANISER_MESSAGE, message.registrationId(), message.messageId(),
                message.createdAt(), message.eventId(), message.event(), recipient, List.of(), null,
                message.registrationId(), List.of(), null, null, new OrganiserText(message.subjectPl(),
                        message.bodyPl(), message.subjectEn(), message.bodyEn()));
    }

    /** The session and the event as they were before an organiser changed them; either may be null (not known). */
    public record Before(SessionOutcome session, EventSummary event) {
    }

    public Notice {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
        calendarSessions = calendarSessions == null ? List.of() : List.copyOf(calendarSessions);
    }

    public Notice(EmailKind kind, String registrationId, String decisionId, Instant decidedAt, String eventId,
                  EventSummary event, Recipient recipient, List<SessionOutcome> sessions, RejectionReason reason,
                  String manageRegistrationId, List<SessionOutcome> calendarSessions) {
        this(kind, registrationId, decisionId, decidedAt, eventId, event, recipient, sessions, reason,
                manageRegistrationId, calendarSessions, null, null);
    }

    /** The email for a first decision, in the simple case where it needs nothing but the decision. */
    public static Notice about(RegistrationDecided decided) {
        EmailKind kind = switch (decided.status()) {
            case CONFIRMED -> EmailKind.CONFIRMED;
            case WAITLISTED -> EmailKind.WAITLISTED;
            default -> decided.reason() == RejectionReason.ALREADY_REGISTERED
                    ? EmailKind.ALREADY_REGISTERED : EmailKind.REJECTED;
        };
        List<SessionOutcome> confirmed = kind == EmailKind.CONFIRMED ? confirmed(decided.sessions()) : List.of();
        return new Notice(kind, decided.registrationId(), decided.messageId(), decided.createdAt(), decided.eventId(),
                decided.event(), decided.recipient(), decided.sessions(), decided.reason(),
                kind == EmailKind.CONFIRMED || kind == EmailKind.WAITLISTED ? decided.registrationId() : null, confirmed,
                null, null);
    }

    /**
     * A seat came free: the invite holds the newly confirmed session only (the earlier ones are in the calendar
     * already). {@code recipient} is the one kept from the registration's first decision.
     */
    public static Notice promoted(RegistrationPromoted promoted, Recipient recipient) {
        List<SessionOutcome> newlyConfirmed = confirmed(promoted.sessions()).stream()
                .filter(s -> promoted.sessionId() == null || promoted.sessionId().equals(s.sessionId()))
                .toList();
        return new Notice(EmailKind.PROMOTED, promoted.registrationId(), promoted.messageId(), promoted.createdAt(),
                promoted.eventId(), promoted.event(), recipient, promoted.sessions(), null, promoted.registrationId(),
                newlyConfirmed, null, null);
    }

    /**
     * The registration is cancelled: the attachments cancel every session's entry (calendars ignore the UID of an
     * entry they never had) and there is nothing left to manage.
     */
    public static Notice cancelled(RegistrationCancelled cancelled, Recipient recipient) {
        return new Notice(EmailKind.CANCELLED, cancelled.registrationId(), cancelled.messageId(),
                cancelled.createdAt(), cancelled.eventId(), cancelled.event(), recipient, cancelled.sessions(), null,
                null, cancelled.sessions(), null, null);
    }

    /**
     * The registrant changed their sessions: the email lists the sessions now held and those given back; the
     * attachments update the calendar entries of the confirmed ones and cancel those given back.
     * {@code recipient} is the one kept from the registration's first decision.
     */
    public static Notice sessionsChanged(SessionsChanged changed, Recipient recipient) {
        // A no-show release (decision 0029) keeps the seat it gives back among the registration's sessions, as
        // CANCELLED, and names it in released too: listed once, with the ones given back.
        List<SessionOutcome> listed = new java.util.ArrayList<>(changed.sessions().stream()
                .filter(s -> s.status() != SessionStatus.CANCELLED).toList());
        listed.addAll(changed.released());
        List<SessionOutcome> calendar = new java.util.ArrayList<>(confirmed(changed.sessions()));
        calendar.addAll(changed.released());
        return new Notice(EmailKind.SESSIONS_CHANGED, changed.registrationId(), changed.messageId(),
                changed.createdAt(), changed.eventId(), changed.event(), recipient, listed, null,
                changed.registrationId(), calendar, null, null);
    }

    /**
     * An organiser changed the time or place of one session: the email names it as it is now, with the old time and
     * place beside the new (decision 0036); a confirmed seat's calendar entry is updated (a REQUEST with a higher
     * sequence). A waitlist place has no entry to update, so the waitlisted get the email without a file.
     */
    public static Notice sessionChangedByOrganiser(SessionChangedByOrganiser changed, Recipient recipient) {
        List<SessionOutcome> session = changed.session() == null ? List.of() : List.of(changed.session());
        Before before = changed.sessionBefore() == null && changed.eventBefore() == null ? null
                : new Before(changed.sessionBefore(), changed.eventBefore());
        return new Notice(EmailKind.SESSION_CHANGED_BY_ORGANISER, changed.registrationId(), changed.messageId(),
                changed.createdAt(), changed.eventId(), changed.event(), recipient, session, null,
                changed.registrationId(), confirmed(session), before, null);
    }

    /**
     * An organiser cancelled a session (decision 0036): the email names it first, then the sessions the registration
     * still holds; the attachment is a CANCEL of its calendar entry, for the waitlisted too (a calendar ignores a UID
     * it never had, and one that had it drops it). No manage link when the registration holds nothing any more.
     */
    public static Notice sessionCancelledByOrganiser(SessionCancelledByOrganiser cancelled, Recipient recipient) {
        List<SessionOutcome> listed = new java.util.ArrayList<>();
        if (cancelled.session() != null) {
            listed.add(cancelled.session());
        }
        cancelled.sessions().stream().filter(s -> s.status() == SessionStatus.CONFIRMED
                || s.status() == SessionStatus.WAITLISTED).forEach(listed::add);
        List<SessionOutcome> calendar = cancelled.session() == null ? List.of() : List.of(cancelled.session());
        boolean ended = cancelled.status() == org.rushreg.messages.RegistrationStatus.CANCELLED;
        return new Notice(EmailKind.SESSION_CANCELLED_BY_ORGANISER, cancelled.registrationId(),
                cancelled.messageId(), cancelled.createdAt(), cancelled.eventId(), cancelled.event(), recipient, listed,
                null, ended ? null : cancelled.registrationId(), calendar);
    }

    /**
     * A reminder before the event ({@code emailId} names it, e.g. {@code reminder-PT24H-<registrationId>}, and is
     * its Message-ID; {@code at} the time it is written): the sessions the registration holds, its ticket and manage
     * link. No calendar file: the entries are in the calendar since the confirmation.
     */
    public static Notice reminder(String registrationId, String emailId, Instant at, String eventId,
                                  EventSummary event, Recipient recipient, List<SessionOutcome> heldSessions) {
        return new Notice(EmailKind.REMINDER, registrationId, emailId, at, eventId, event, recipient, heldSessions,
                null, registrationId, List.of(), null, null);
    }

    /**
     * A registration for an event that requires email verification holds seats or waitlist places until
     * {@code heldUntil}: the email carries the verification link (in place of the manage link) and lists what is held.
     * No calendar file and no ticket: nothing is decided yet.
     */
    public static Notice verifyEmail(RegistrationHeld held) {
        return new Notice(EmailKind.VERIFY_EMAIL, held.registrationId(), held.messageId(), held.createdAt(),
                held.eventId(), held.event(), held.recipient(), held.sessions(), null, held.registrationId(),
                List.of(), null, held.heldUntil());
    }

    /**
     * A hold was not verified in time and its seats went back: the email says so, and that the person may register
     * again. No calendar file: the verification email made no entries. {@code recipient} is the one kept from the
     * hold.
     */
    public static Notice holdExpired(RegistrationHoldExpired expired, Recipient recipient) {
        return new Notice(EmailKind.HOLD_EXPIRED, expired.registrationId(), expired.messageId(), expired.createdAt(),
                expired.eventId(), expired.event(), recipient, expired.sessions(), null, null, List.of(),
                null, expired.heldUntil());
    }

    public static List<SessionOutcome> confirmed(List<SessionOutcome> sessions) {
        return sessions.stream().filter(s -> s.status() == SessionStatus.CONFIRMED).toList();
    }

    public Notice withManageRegistrationId(String id) {
        return new Notice(kind, registrationId, decisionId, decidedAt, eventId, event, recipient, sessions, reason, id,
                calendarSessions, before, heldUntil, text);
    }

    public Notice withRecipient(Recipient to) {
        return new Notice(kind, registrationId, decisionId, decidedAt, eventId, event, to, sessions, reason,
                manageRegistrationId, calendarSessions, before, heldUntil, text);
    }

    @Override
    public String toString() {
        return "Notice[kind=" + kind + ", registrationId=" + registrationId + ", decisionId=" + decisionId + "]";
    }
}
