package org.rushreg.messages;

import java.time.Instant;

/**
 * How a scan was decided, on {@link Topics#ATTENDANCE}, keyed by event id. {@code at} is the admission's time for
 * ADMITTED and ALREADY_ADMITTED (the first admission's), the cancellation's for CANCELLED, absent otherwise.
 * {@code conflict} marks a scan made before the registration's cancellation was decided but arriving after it (an
 * offline device may have let the person in): the scan is not forced through, and organisers see it.
 */
public record TicketScanned(String messageId, Instant createdAt, int schemaVersion, String eventId, String scanId,
                            String registrationId, String sessionId, Instant scannedAt, ScanResult result,
                            Instant at, boolean conflict) {
}
