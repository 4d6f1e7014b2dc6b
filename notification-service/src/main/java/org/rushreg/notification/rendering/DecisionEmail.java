package org.rushreg.notification.rendering;

import java.util.List;

/**
 * A rendered email about one decision, ready to send. {@code calendars} are the .ics attachments, one per session
 * (invites, updates or cancellations), empty when there is nothing to put in a calendar; {@code replyTo} is the
 * organiser, or null. {@code ticketImage} is the PNG of the ticket's QR code that the HTML shows as
 * {@code cid:}{@link #ticketContentId}, or null.
 */
public record DecisionEmail(String registrationId, String decisionId, EmailKind kind, String toAddress,
                            String toName, String replyTo, String subject, String text, String html,
                            List<CalendarFile> calendars, byte[] ticketImage) {

    public DecisionEmail {
        calendars = calendars == null ? List.of() : List.copyOf(calendars);
    }

    public DecisionEmail(String registrationId, String decisionId, EmailKind kind, String toAddress, String toName,
                         String replyTo, String subject, String text, String html, List<CalendarFile> calendars) {
        this(registrationId, decisionId, kind, toAddress, toName, replyTo, subject, text, html, calendars, null);
    }
    /** The Content-ID of the ticket's image (without angle brackets): unique per registration, as RFC 2392 asks. */
    public static String ticketContentId(String registrationId) {
        return "ticket." + (registrationId == null ? "unknown" : SafeText.idChars(registrationId))
                + "@rushreg";
    }

    @Override
    public String toString() {
        return "DecisionEmail[registrationId=" + registrationId + ", kind=" + kind + ", personal data hidden]";
    }
}
