package org.rushreg.registration.organiser.people;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.rushreg.messages.EventDefinition;
import org.rushreg.registration.catalogue.EventCatalogue;
import org.rushreg.registration.catalogue.UnknownEventException;
import org.rushreg.registration.organiser.OrganiserAccounts;
import org.rushreg.registration.privacy.PersonAccess;
import org.rushreg.registration.privacy.PersonErasures;
import org.rushreg.registration.web.Refusal;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;

/**
 * The personal-data page of an event (issue 14, decision 0043): an organiser or a viewer looks up what the system
 * holds about one person (Art. 15) and downloads it as JSON; an organiser erases the person (Art. 17) after a
 * confirmation and watches the stores confirm. The address travels in POST bodies only, never in an address bar or
 * a log; the lookup is a read, so viewers may post it (SecurityConfiguration), the erasure is not (403).
 */
@Controller
class PersonalDataPages {

    private static final String PAGE = "organiser/personal-data";

    private final EventCatalogue catalogue;
    private final PersonAccess access;
    private final PersonErasures erasures;

    PersonalDataPages(EventCatalogue catalogue, PersonAccess access, PersonErasures erasures) {
        this.catalogue = catalogue;
        this.access = access;
        this.erasures = erasures;
    }

    @GetMapping("/organiser/events/{eventId}/personal-data")
    ModelAndView page(@PathVariable String eventId, Authentication organiser) {
        return page(event(eventId), "", organiser);
    }

    @PostMapping("/organiser/events/{eventId}/personal-data/lookup")
    ModelAndView lookup(@PathVariable String eventId, @RequestParam(defaultValue = "") String email,
                        Authentication organiser) {
        EventDefinition event = event(eventId);
        try {
            return page(event, email, organiser).addObject("person", access.of(eventId, email, organiser.getName()));
        } catch (Refusal refusal) {
            return refused(event, email, organiser, HttpStatus.valueOf(refusal.getStatusCode().value()));
        }
    }

    /** The same lookup as a JSON file, for the answer to the person's request. */
    @PostMapping("/organiser/events/{eventId}/personal-data/lookup.json")
    @ResponseBody
    ResponseEntity<Map<String, Object>> download(@PathVariable String eventId,
                                                 @RequestParam(defaultValue = "") String email,
                                                 Authentication organiser) {
        event(eventId);
        Map<String, Object> person = access.of(eventId, email, organiser.getName());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(eventId + "-personal-data.json", StandardCharsets.UTF_8).build().toString())
                .body(person);
    }

    /** The confirmation step: what will be erased, and the button that does it. */
    @PostMapping("/organiser/events/{eventId}/personal-data/erasure")
    ModelAndView erase(@PathVariable String eventId, @RequestParam(defaultValue = "") String email,
                       @RequestParam(defaultValue = "false") boolean confirmed, Authentication organiser) {
        EventDefinition event = event(eventId);
        if (!confirmed) {
            ModelAndView view = new ModelAndView("organiser/personal-data-erase");
            view.addObject("event", event);
            view.addObject("email", email);
            return view;
        }
        try {
            String erasureId = erasures.request(eventId, email, organiser.getName());
            return new ModelAndView("redirect:/organiser/events/" + eventId + "/personal-data/erasures/" + erasureId);
        } catch (Refusal refusal) {
            HttpStatus status = HttpStatus.valueOf(refusal.getStatusCode().value());
            if (status != HttpStatus.NOT_FOUND && status != HttpStatus.BAD_REQUEST) {
                throw refusal;
            }
            return refused(event, email, organiser, status);
        }
    }

    /** An erasure and the stores that confirmed it; the page asks again every few seconds until it is COMPLETED. */
    @GetMapping("/organiser/events/{eventId}/personal-data/erasures/{erasureId}")
    ModelAndView erasure(@PathVariable String eventId, @PathVariable String erasureId) {
        EventDefinition event = event(eventId);
        PersonErasures.Status status = erasures.status(erasureId);
        if (!status.eventId().equals(eventId)) {
            throw new UnknownEventException(eventId);
        }
        ModelAndView view = new ModelAndView("organiser/personal-data-erasure");
        view.addObject("event", event);
        view.addObject("times", EventTimes.of(event));
        view.addObject("erasure", status);
        Map<String, java.time.Instant> confirmedAt = new java.util.LinkedHashMap<>();
        status.stores().forEach(store -> confirmedAt.put(store.store(), store.confirmedAt()));
        view.addObject("confirmedAt", confirmedAt);
        view.addObject("allStores", PersonErasures.STORES);
        return view;
    }

    /** The API's 404 (nobody under this address) or 400 (not an address), said on the page beside the field. */
    private ModelAndView refused(EventDefinition event, String email, Authentication organiser, HttpStatus status) {
        ModelAndView view = page(event, email, organiser);
        view.setStatus(status);
        return view.addObject("problem", status == HttpStatus.NOT_FOUND ? "unknown" : "invalid");
    }

    private ModelAndView page(EventDefinition event, String email, Authentication organiser) {
        ModelAndView view = new ModelAndView(PAGE);
        view.addObject("event", event);
        view.addObject("times", EventTimes.of(event));
        view.addObject("email", email);
        view.addObject("canErase", organiser.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_" + OrganiserAccounts.ORGANISER)));
        return view;
    }

    private EventDefinition event(String eventId) {
        return catalogue.find(eventId).orElseThrow(() -> new UnknownEventException(eventId));
    }
}
