package org.rushreg.messages;

/** What a scan of a ticket led to, as the single writer of the event decided it. */
public enum ScanResult {
    /** the first admission of the registration here (at the entrance, or to this session) */
    ADMITTED,
    /** admitted here before; {@code at} is the first admission's time */
    ALREADY_ADMITTED,
    /** the registration was cancelled; {@code at} is when */
    CANCELLED,
    /** the registration holds no confirmed seat (at the entrance), or none in this session */
    NOT_CONFIRMED_FOR_SESSION,
    /** not a registration of this event */
    UNKNOWN
}
