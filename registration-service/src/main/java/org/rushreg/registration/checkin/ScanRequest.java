package org.rushreg.registration.checkin;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.rushreg.registration.web.Refusal.FieldProblem;

/**
 * A scan as a device sends it. {@code scanId} is the device's own name for the scan (a UUID, or the device and a
 * counter): the same id sent again is the same scan. {@code code} is the QR code's text (or what staff typed),
 * {@code sessionId} the session the door leads to (absent at the entrance), {@code scannedAt} when the device
 * scanned it (ISO 8601 with an offset), which is long ago when the device was offline.
 */
record ScanRequest(String scanId, String code, String sessionId, String scannedAt) {

    static final int MAX_SCAN_ID = 100;
    /** A ticket code is about 140 characters; a paste of anything much longer is not one. */
    static final int MAX_CODE = 1_000;

    private static final Pattern SCAN_ID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_SCAN_ID + "}");

    /** What is wrong with the request, field by field; empty when it can be decided. */
    List<FieldProblem> problems(Set<String> sessionsOfTheEvent) {
        List<FieldProblem> problems = new ArrayList<>();
        if (scanId == null || scanId.isBlank()) {
            problems.add(new FieldProblem("scanId", "is required: the device's id of this scan"));
        } else if (!SCAN_ID.matcher(scanId).matches()) {
            problems.add(new FieldProblem("scanId", "must be 1 to " + MAX_SCAN_ID
                    + " letters, digits, '.', '_', ':' or '-'"));
        }
        if (code == null || code.isBlank()) {
            problems.add(new FieldProblem("code", "is required: the ticket's QR code or short code"));
        } else if (code.length() > MAX_CODE) {
            problems.add(new FieldProblem("code", "is longer than any ticket code (" + MAX_CODE + " characters)"));
        }
        if (sessionId != null && !sessionsOfTheEvent.contains(sessionId)) {
            problems.add(new FieldProblem("sessionId", "is not a session of this event"));
        }
        if (scannedAt == null || scannedAt.isBlank()) {
            problems.add(new FieldProblem("scannedAt", "is required: when the ticket was scanned (ISO 8601)"));
        } else if (parse(scannedAt) == null) {
            problems.add(new FieldProblem("scannedAt",
                    "must be a time with its offset in ISO 8601, e.g. 2024-10-07T09:12:00+02:00"));
        }
        return problems;
    }

    /**
     * When the ticket was scanned, never later than {@code now}: a device whose clock runs ahead must not admit
     * someone in the future.
     */
    Instant scannedAt(Instant now) {
        Instant at = parse(scannedAt);
        return at == null || at.isAfter(now) ? now : at;
    }

    private static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }
}
