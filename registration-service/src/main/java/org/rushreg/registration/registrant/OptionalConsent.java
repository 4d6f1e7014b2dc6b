package org.rushreg.registration.registrant;

import java.time.Instant;

/** The optional consent a registration gave: its version, when, and when it was withdrawn (null while given). */
public record OptionalConsent(String version, Instant givenAt, Instant withdrawnAt) {

    private static final java.time.format.DateTimeFormatter MINUTES_UTC = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

    public boolean withdrawn() {
        return withdrawnAt != null;
    }

    /** When it was given, to the minute in UTC, for the page. */
    public String givenAtUtc() {
        return givenAt == null ? "" : MINUTES_UTC.format(givenAt);
    }

    public String withdrawnAtUtc() {
        return withdrawnAt == null ? "" : MINUTES_UTC.format(withdrawnAt);
    }
}
