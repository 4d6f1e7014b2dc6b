package org.rushreg.registration.privacy;

import java.security.Principal;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the system holds about one person of an event (GDPR Art. 15), for the organiser to answer an access request:
 * {@code GET /api/organiser/people?eventId=…&email=…}. Organisers and viewers (who see the attendee lists anyway);
 * audited as {@code ACCESS_REQUESTED} without the person's data.
 */
@RestController
@RequestMapping("/api/organiser/people")
class PeopleApi {

    private final PersonAccess access;

    PeopleApi(PersonAccess access) {
        this.access = access;
    }

    @GetMapping
    Map<String, Object> person(@RequestParam(required = false) String eventId,
                               @RequestParam(required = false) String email, Principal organiser) {
        return access.of(eventId, email, organiser.getName());
    }
}
