package org.rushreg.registration.checkin;

import org.rushreg.registration.web.Refusal;
import org.springframework.http.HttpStatus;

/**
 * A scan id already names a scan of another ticket: answering with that scan would show staff someone else. A
 * device must make a new id for each scan.
 */
class ScanIdReusedException extends Refusal {

    ScanIdReusedException(String scanId) {
        super(HttpStatus.CONFLICT, "Scan id already used", "The scan id '" + scanId
                + "' already names a scan of another ticket; make a new id for each scan");
    }
}
