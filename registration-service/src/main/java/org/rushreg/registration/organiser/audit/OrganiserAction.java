package org.rushreg.registration.organiser.audit;

/** What an organiser did, as the audit log names it. */
public enum OrganiserAction {
    EVENT_CREATED,
    EVENT_CHANGED,
    REGISTRATION_CANCELLED,
    /** The seats of a session's no-shows were offered to people waiting who arrived (decision 0029). */
    NO_SHOWS_RELEASED,
    /** The same, sent by the service at the session's start plus the event's minutes (actor: the service, 0044). */
    NO_SHOWS_RELEASED_AUTOMATICALLY,
    /** A message to the confirmed people of the event or of a session (decision 0042); the entry names the message. */
    MESSAGE_SENT,
    EXPORT_CSV,
    EXPORT_XLSX,
    EXPORT_JSON,
    EXPORT_BADGES,
    /** Too many failed logins for the account (the actor): nobody can log in to it for a while. */
    LOGIN_LOCKED,
    /** The account's lock is over. */
    LOGIN_UNLOCKED,
    /** The event's retention period passed: its people's personal data was erased (actor: the service). */
    PERSONAL_DATA_ERASED,
    /** An organiser asked for the erasure of one person (Art. 17); the entry names the erasure, never the person. */
    ERASURE_REQUESTED,
    /** An organiser looked up what the system holds about one person (Art. 15); the entry never names the person. */
    ACCESS_REQUESTED,
    /** A registrant withdrew their optional consent on the manage page (actor: "registrant", with the registration). */
    CONSENT_WITHDRAWN
}
