package org.rushreg.registration.checkin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * What staff see of a scan: {@code result} (ADMITTED, ALREADY_ADMITTED, CANCELLED, NOT_CONFIRMED_FOR_SESSION,
 * UNKNOWN; PENDING while the decision is late), {@code at} (the first admission, or the cancellation), the holder's
 * {@code name}; besides, the registration and the session, whether it is a conflict, whether the seat was freed
 * for this person after the session began ({@code seatFreed}, said at the door: they may not have read the email),
 * and for UNKNOWN the {@code reason} (NOT_A_TICKET: forged, altered or mistyped; OTHER_EVENT: a genuine ticket of
 * another event).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ScanAnswer(String scanId, String result, Instant at, String name, String registrationId, String sessionId,
                  Boolean conflict, String reason, Boolean seatFreed) {

    static final String PENDING = "PENDING";

    static ScanAnswer unknown(String scanId, String reason) {
        return new ScanAnswer(scanId, "UNKNOWN", null, null, null, null, null, reason, null);
    }

    static ScanAnswer pending(String scanId, String registrationId) {
        return new ScanAnswer(scanId, PENDING, null, null, registrationId, null, null, null, null);
    }

    static ScanAnswer of(RecordedScans.RecordedScan scan) {
        return new ScanAnswer(scan.scanId(), scan.result(), scan.at(), scan.name(), scan.registrationId(),
                scan.sessionId(), scan.conflict(), null, scan.seatFreed() ? Boolean.TRUE : null);
    }

    boolean pending() {
        return PENDING.equals(result);
    }
}
