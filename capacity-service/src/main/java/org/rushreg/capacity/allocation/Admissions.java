package org.rushreg.capacity.allocation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.ScanResult;
import org.rushreg.messages.ScanTicket;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.TicketScanned;

/**
 * Decides scans of tickets, in the event's log order with its registrations, changes and cancellations (decision
 * 0024). A door is the venue's entrance (a scan without a session) or a session's: a registration holding a
 * confirmed seat (at the entrance: any; at a session's door: that session's) is ADMITTED the first time at each
 * door and ALREADY_ADMITTED, with the first time, after that. A cancelled registration is CANCELLED, and a conflict
 * when the device scanned the ticket before the cancellation was decided (it was offline, and may have let the
 * person in): recorded for the organisers, never turned into an admission. A registration holding no confirmed
 * seat there is NOT_CONFIRMED_FOR_SESSION; one this event does not know is UNKNOWN.
 *
 * <p>A scan id already decided for the registration changes nothing and publishes nothing. An UNKNOWN scan has no
 * record to be remembered by: deciding it again gives the same message under the same id.
 */
final class Admissions {

    private final Ledger ledger;

    Admissions(Ledger ledger) {
        this.ledger = ledger;
    }

    Decisions decide(ScanTicket scan, Instant now) {
        String eventId = scan.eventId();
        Instant scannedAt = scan.scannedAt() != null ? scan.scannedAt()
                : scan.createdAt() != null ? scan.createdAt() : now;
        Optional<RegistrationRecord> found = ledger.registration(eventId, scan.registrationId());
        if (found.isEmpty()) {
            return Decisions.scanned(scanned(scan, scannedAt, ScanResult.UNKNOWN, null, false, now));
        }
        RegistrationRecord registration = found.get();
        Attendance attendance = ledger.attendance(eventId, scan.registrationId()).orElse(Attendance.NONE);
        if (attendance.decided(scan.scanId())) {
            return Decisions.NONE;
        }

        ScanResult result;
        Instant at = null;
        boolean conflict = false;
        if (registration.status() == RegistrationStatus.CANCELLED) {
            result = ScanResult.CANCELLED;
            at = registration.cancelledAt();
            conflict = at != null && scannedAt.isBefore(at);
        } else if (!holdsSeat(registration, scan.sessionId())) {
            result = ScanResult.NOT_CONFIRMED_FOR_SESSION;
        } else {
            Optional<Instant> first = attendance.admittedAt(scan.sessionId());
            if (first.isPresent()) {
                result = ScanResult.ALREADY_ADMITTED;
                at = first.get();
            } else {
                result = ScanResult.ADMITTED;
                at = scannedAt;
                attendance = attendance.withAdmission(scan.sessionId(), scannedAt);
            }
        }
        if (scan.sessionId() == null && registration.active()) {
            attendance = attendance.withArrival(scannedAt);
        }
        ledger.putAttendance(eventId, scan.registrationId(), attendance.withScan(scan.scanId()));
        return Decisions.scanned(scanned(scan, scannedAt, result, at, conflict, now));
    }

    /** At the entrance any confirmed seat will do; at a session's door, that session's. */
    private static boolean holdsSeat(RegistrationRecord registration, String sessionId) {
        if (sessionId == null) {
            return registration.status() == RegistrationStatus.CONFIRMED;
        }
        return registration.sessions().stream().anyMatch(seat -> Objects.equals(seat.sessionId(), sessionId)
                && seat.status() == SessionStatus.CONFIRMED);
    }

    private static TicketScanned scanned(ScanTicket scan, Instant scannedAt, ScanResult result, Instant at,
                                         boolean conflict, Instant now) {
        String messageId = Digests.nameUuid(scan.eventId() + "|" + scan.registrationId() + "|" + scan.scanId()
                + "|scanned").toString();
        return new TicketScanned(messageId, now, Schema.VERSION, scan.eventId(), scan.scanId(),
                scan.registrationId(), scan.sessionId(), scannedAt, result, at, conflict);
    }
}
