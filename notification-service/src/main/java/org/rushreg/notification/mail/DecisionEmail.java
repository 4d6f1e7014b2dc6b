package org.rushreg.notification.mail;

/**
 * A rendered email about one decision, ready to send. {@code calendar} is the .ics invite (or cancellation), or
 * null when there is nothing to put in a calendar; {@code replyTo} is the organiser, or null.
 */
public record DecisionEmail(String registrationId, String decisionId, EmailKind kind, String toAddress,
                            String toName, String replyTo, String subject, String text, String html, byte[] calendar,
                            String calendarMethod) {

    public static final String CALENDAR_FILE_NAME = "event.ics";

    @Override
    public String toString() {
        return "DecisionEmail[registrationId=" + registrationId + ", kind=" + kind + ", personal data hidden]";
    }
}
