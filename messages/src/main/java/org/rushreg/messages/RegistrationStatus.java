package org.rushreg.messages;

/**
 * The overall state of a registration: CONFIRMED when at least one asked-for session is confirmed, WAITLISTED
 * when all are waitlisted, REJECTED (with a {@link RejectionReason}) when nothing was given.
 */
public enum RegistrationStatus {
    PENDING, CONFIRMED, WAITLISTED, REJECTED, CANCELLED
}
