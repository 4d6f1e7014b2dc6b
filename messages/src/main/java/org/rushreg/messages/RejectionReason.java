package org.rushreg.messages;

/** Why a registration or a session was refused. */
public enum RejectionReason {
    /** The normalised email already has an active registration for the event. */
    ALREADY_REGISTERED,
    /** The request arrived before the registration window opened or after it closed. */
    REGISTRATION_CLOSED,
    /** No seat was left and the event keeps no waitlist. */
    FULL,
    /** The request asked for sessions that take place at the same time. */
    OVERLAPPING_SESSIONS,
    /** The event or a session is not (or no longer) in the catalogue the capacity service knows. */
    UNKNOWN_SESSION,
    /** A change of sessions named a registration the capacity service never decided. */
    UNKNOWN_REGISTRATION,
    /** A change of sessions named a registration that was cancelled or rejected. */
    REGISTRATION_NOT_ACTIVE
}
