package org.rushreg.messages;

/**
 * The overall state of a registration: CONFIRMED when at least one asked-for session is confirmed, WAITLISTED
 * when all are waitlisted, REJECTED (with a {@link RejectionReason}) when nothing was given. HELD is no decision: the
 * registration-service's read model and status pages say it of a registration whose seats are held until its address
 * is verified (decision 0030); the capacity-service's messages never carry it.
 */
public enum RegistrationStatus {
    PENDING, CONFIRMED, WAITLISTED, REJECTED, CANCELLED, HELD
}
