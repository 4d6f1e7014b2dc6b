package org.rushreg.registration.organiser.audit;

/** What an organiser did, as the audit log names it. */
public enum OrganiserAction {
    EVENT_CREATED,
    EVENT_CHANGED,
    REGISTRATION_CANCELLED,
    EXPORT_CSV,
    EXPORT_JSON
}
