package org.rushreg.notification.rendering;

import java.util.Locale;

/** The kinds of email this service writes; each has its own subject and introduction in the mail messages ({@code subject.}{@link #template()}, {@code intro.}...). */
public enum EmailKind {
    CONFIRMED, WAITLISTED, PROMOTED, CANCELLED, REJECTED, ALREADY_REGISTERED, SESSIONS_CHANGED,
    /** An organiser changed the time or place of a session the person holds or waits for (decision 0033). */
    SESSION_CHANGED_BY_ORGANISER,
    /** An organiser cancelled a session the person held or waited for (decision 0036). */
    SESSION_CANCELLED_BY_ORGANISER,
    /** Before the event, to everyone holding a seat (decision 0028); about no message, sent by a scheduled job. */
    REMINDER,
    /** A registration holds seats until the address is verified (decision 0030): the link that verifies it. */
    VERIFY_EMAIL,
    /** A hold was not verified in time and its seats went back (decision 0030). */
    HOLD_EXPIRED,
    /** The organisers' own message to the confirmed people of the event or a session (decision 0042). */
    ORGANISER_MESSAGE;

    public String template() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
