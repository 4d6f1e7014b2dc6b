package org.rushreg.registration.checkin;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.rushreg.registration.web.ClientAddress;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The door's API: staff (role CHECKIN, HTTP Basic) send each scan and get its answer. */
@RestController
class CheckInApi {

    private final CheckIns checkIns;

    CheckInApi(CheckIns checkIns) {
        this.checkIns = checkIns;
    }

    @PostMapping(path = "/api/check-in/events/{eventId}/scans", consumes = "application/json")
    @Operation(summary = "Scan a ticket",
            description = "Body {scanId, code, sessionId (optional: the session's door; absent at the entrance), "
                    + "scannedAt (ISO 8601 with offset)}. 200 {result, at, name, ...}: ADMITTED, ALREADY_ADMITTED "
                    + "(at: the first admission), CANCELLED (at: when; conflict: scanned before the cancellation), "
                    + "NOT_CONFIRMED_FOR_SESSION or UNKNOWN (reason NOT_A_TICKET or OTHER_EVENT). The same scanId "
                    + "again gets the same answer and changes nothing. 202 PENDING with Retry-After when the "
                    + "decision is late: send the scan again with the same scanId.")
    ResponseEntity<ScanAnswer> scan(@PathVariable String eventId, @RequestBody(required = false) ScanRequest request,
                                    Principal staff, HttpServletRequest http) {
        ScanAnswer answer = checkIns.scan(eventId, request, staff.getName() + "|"
                + ClientAddress.keyOf(http.getRemoteAddr()));
        if (answer.pending()) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).header(HttpHeaders.RETRY_AFTER, "1").body(answer);
        }
        return ResponseEntity.ok(answer);
    }
}
