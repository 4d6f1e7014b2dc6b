package org.rushreg.messages;

import java.time.Instant;

/**
 * An organiser asks that the seats of a session held by people who have not arrived be offered to the people on
 * its waitlist who have (issue 16, decision 0029). The single writer of the event decides it in the event's log
 * order: refused (changing nothing) unless the event's {@link EventDefinition#noShowReleaseMinutes()} is set and
 * {@code createdAt} is at least that many minutes after the session's start. Otherwise, while a waitlisted person
 * of the session has arrived (scanned at the entrance, or admitted at any door) and a seat can be had, a confirmed
 * holder of the session who has been scanned nowhere gives the seat back ({@link SessionsChanged} with
 * {@code commandId} = this message's id and the session in {@code released}) and the arrived person gets it
 * ({@link RegistrationPromoted}), first come first served on the waitlist. {@code releaseId} is chosen by the
 * organiser's service and names the release in logs and audit.
 */
public record ReleaseNoShows(String messageId, Instant createdAt, int schemaVersion, String eventId,
                             String sessionId, String releaseId) implements RegistrationCommand {

    public static ReleaseNoShows of(String eventId, String sessionId, String releaseId) {
        return new ReleaseNoShows(Schema.newMessageId(), Schema.now(), Schema.VERSION, eventId, sessionId,
                releaseId);
    }
}
