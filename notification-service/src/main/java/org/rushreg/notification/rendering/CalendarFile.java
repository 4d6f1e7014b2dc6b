package org.rushreg.notification.rendering;

/**
 * One iCalendar object as an email attaches it: one session's entry, its iTIP method ({@code REQUEST} or
 * {@code CANCEL}) and the file name the attachment carries.
 */
public record CalendarFile(String fileName, String method, byte[] content) {

    /** The MIME type with the method: Outlook reads a calendar part as a meeting only when they agree. */
    public String contentType() {
        return "text/calendar; method=" + method + "; charset=UTF-8";
    }

    @Override
    public String toString() {
        return "CalendarFile[" + fileName + ", " + method + "]";
    }
}
