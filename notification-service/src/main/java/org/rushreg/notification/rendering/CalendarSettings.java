package org.rushreg.notification.rendering;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The ORGANIZER of every calendar file ({@code CALENDAR_ORGANIZER}), the sender ({@code MAIL_FROM}) when unset.
 * Calendars send their attendees' answers (accept, decline) to it.
 */
@ConfigurationProperties("notification")
record CalendarSettings(String calendarOrganizer, String from) {

    /** @throws IllegalArgumentException when neither names an email address */
    public String organizer() {
        String address = calendarOrganizer == null || calendarOrganizer.isBlank() ? from : calendarOrganizer;
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("notification.calendar-organizer or notification.from must name the"
                    + " calendar files' organiser");
        }
        try {
            return new InternetAddress(address.strip(), true).getAddress();
        } catch (AddressException e) {
            throw new IllegalArgumentException("notification.calendar-organizer must be an email address: "
                    + e.getMessage(), e);
        }
    }
}
