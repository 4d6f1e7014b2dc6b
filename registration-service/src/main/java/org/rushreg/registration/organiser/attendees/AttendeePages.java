package org.rushreg.registration.organiser.attendees;

import java.security.Principal;
import org.rushreg.messages.EventDefinition;
import org.rushreg.registration.organiser.OrganiserAccounts;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** The attendee page of an event: search by name, email or organisation, a paged list, cancel on someone's behalf. */
@Controller
class AttendeePages {

    private final Attendees attendees;

    AttendeePages(Attendees attendees) {
        this.attendees = attendees;
    }

    @GetMapping("/organiser/events/{eventId}/attendees")
    ModelAndView list(@PathVariable String eventId, @RequestParam(defaultValue = "") String q,
                      @RequestParam(defaultValue = "") String status, @RequestParam(defaultValue = "0") int page,
                      Authentication organiser) {
        EventDefinition event = attendees.event(eventId);
        AttendeeDirectory.Page found = attendees.search(eventId, q, status, page);
        ModelAndView view = new ModelAndView("organiser/attendees");
        view.addObject("event", event);
        view.addObject("found", found);
        view.addObject("sessionIds", attendees.sessionIds(event, found.attendees()));
        view.addObject("q", q);
        view.addObject("status", status);
        view.addObject("statuses", new String[] {"PENDING", "HELD", "CONFIRMED", "WAITLISTED", "REJECTED", "CANCELLED"});
        view.addObject("canWrite", organiser.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_" + OrganiserAccounts.ORGANISER)));
        view.addObject("previous", found.page() > 0 ? pageLink(eventId, q, status, found.page() - 1) : null);
        view.addObject("next", found.hasNext() ? pageLink(eventId, q, status, found.page() + 1) : null);
        return view;
    }

    @PostMapping("/organiser/events/{eventId}/attendees/{registrationId}/cancel")
    String cancel(@PathVariable String eventId, @PathVariable String registrationId,
                  @RequestParam(defaultValue = "") String q, Principal organiser, RedirectAttributes redirect) {
        boolean requested = attendees.cancel(eventId, registrationId, organiser.getName());
        redirect.addFlashAttribute(requested ? "cancelled" : "notCancelled", registrationId);
        return "redirect:" + pageLink(eventId, q, "", 0);
    }

    private static String pageLink(String eventId, String q, String status, int page) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/organiser/events/{id}/attendees");
        if (!q.isBlank()) {
            link.queryParam("q", q);
        }
        if (!status.isBlank()) {
            link.queryParam("status", status);
        }
        if (page > 0) {
            link.queryParam("page", page);
        }
        return link.buildAndExpand(eventId).encode().toUriString();
    }
}
