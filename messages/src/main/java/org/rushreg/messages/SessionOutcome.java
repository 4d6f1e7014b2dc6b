package org.rushreg.messages;

import java.time.Instant;

/**
 * One session of a registration: what it is (so an email or calendar entry can be written from the message
 * alone) and what was decided. {@code waitlistPosition} is 1-based and present only when WAITLISTED.
 */
public record SessionOutcome(String sessionId, String title, Instant startsAt, Instant endsAt,
                             SessionStatus status, Integer waitlistPosition) {
}
