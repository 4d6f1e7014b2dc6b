package org.rushreg.messages;

/** The state of one asked-for session within a registration. */
public enum SessionStatus {
    CONFIRMED, WAITLISTED, REJECTED, CANCELLED
}
