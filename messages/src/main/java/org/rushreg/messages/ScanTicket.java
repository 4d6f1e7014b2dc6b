package org.rushreg.messages;

import java.time.Instant;

/**
 * A ticket was scanned at the door (or typed in by staff): the single writer of the event decides whether it admits
 * its holder, in the order of the event's log, so that a scan and a cancellation of the same registration are
 * decided in the order they were accepted. {@code scanId} is made by the scanning device and names the scan: a
 * device that sends its queue again changes nothing. {@code registrationId} comes from a ticket code whose
 * signature the sender verified; {@code sessionId} is the session the door leads to, or null at the venue's
 * entrance. {@code scannedAt} is when the device scanned it, which may be long before {@code createdAt} when the
 * device was offline.
 */
public record ScanTicket(String messageId, Instant createdAt, int schemaVersion, String eventId, String scanId,
                         String registrationId, String sessionId, Instant scannedAt) implements RegistrationCommand {

    public static ScanTicket of(String eventId, String scanId, String registrationId, String sessionId,
                                Instant scannedAt) {
        return new ScanTicket(Schema.newMessageId(), Schema.now(), Schema.VERSION, eventId, scanId, registrationId,
                sessionId, scannedAt);
    }
}
