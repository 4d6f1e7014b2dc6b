package org.rushreg.registration.checkin;

import java.util.List;
import org.rushreg.registration.catalogue.EventCatalogue;
import org.rushreg.registration.catalogue.UnknownEventException;
import org.springframework.http.CacheControl;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.rushreg.registration.web.ClientAddress;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the staff's page asks for with its login session (and a CSRF header on the scans): the synced list and the
 * scans, answered like the check-in API, refusals as problem documents.
 */
@RestController
class DoorApi {

    private final EventCatalogue catalogue;
    private final CheckIns checkIns;
    private final DoorList doorList;

    DoorApi(EventCatalogue catalogue, CheckIns checkIns, DoorList doorList) {
        this.catalogue = catalogue;
        this.checkIns = checkIns;
        this.doorList = doorList;
    }

    /** The list a device keeps for answering offline and for searching; never cached on the way. */
    @GetMapping(path = "/check-in/events/{eventId}/list", produces = "application/json")
    ResponseEntity<List<DoorList.Entry>> list(@PathVariable String eventId) {
        catalogue.find(eventId).orElseThrow(() -> new UnknownEventException(eventId));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(doorList.of(eventId));
    }

    @PostMapping(path = "/check-in/events/{eventId}/scans", consumes = "application/json",
            produces = "application/json")
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
