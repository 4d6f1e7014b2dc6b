package org.rushreg.notification.mail;

/**
 * A rendered email about one decision, ready to send. {@code calendar} is the .ics invite (or cancellation), or
 * null when there is nothing to put in a calendar; {@code replyTo} is the organiser, or null. {@code ticketImage} is
 * the PNG of the ticket's QR code that the HTML shows as {@code cid:}{@link #ticketContentId}, or null.
 */
public record DecisionEmail(String registrationId, String decisionId, EmailKind kind, String toAddress,
                            String toName, String replyTo, String subject, String text, String html, byte[] calendar,
                            String calendarMethod, byte[] ticketImage) {

    public static final String CALENDAR_FILE_NAME = "event.ics";

    public DecisionEmail(String registrationId, String decisionId, EmailKind kind, String toAddress, String toName,
                         String replyTo, String subject, String text, String html, byte[] calendar,
                         String calendarMethod) {
        this(registrationId, decisionId, kind, toAddress, toName, replyTo, subject, text, html, calendar,
                calendarMethod, null);
    }

    /** The Content-ID of the ticket's image (without angle brackets): unique per registration, as RFC 2392 asks. */
    public static String ticketContentId(String registrationId) {
        return "ticket." + (registrationId == null ? "unknown" : registrationId.replaceAll("[^A-Za-z0-9._-]", ""))
                + "@rushreg";
    }

    @Override
    public String toString() {
        return "DecisionEmail[registrationId=" + registrationId + ", kind=" + kind + ", personal data hidden]";
    }
}
