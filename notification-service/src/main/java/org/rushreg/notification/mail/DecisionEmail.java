package org.rushreg.notification.mail;

/**
 * A rendered email about one decision, ready to send. {@code calendar} is the .ics invite, or null when there is
 * nothing to put in a calendar.
 */
public record DecisionEmail(String registrationId, String kind, String toAddress, String toName, String subject,
                            String text, String html, byte[] calendar) {

    public static final String CALENDAR_FILE_NAME = "zaproszenie.ics";

    @Override
    public String toString() {
        return "DecisionEmail[registrationId=" + registrationId + ", kind=" + kind + ", personal data hidden]";
    }
}
