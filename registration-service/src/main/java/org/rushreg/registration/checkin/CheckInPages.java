package org.rushreg.registration.checkin;

import java.security.Principal;
import java.time.Clock;
import org.rushreg.messages.EventDefinition;
import org.rushreg.registration.catalogue.EventCatalogue;
import org.rushreg.registration.catalogue.UnknownEventException;
import org.rushreg.registration.tickets.Tickets;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The staff's page at the door (role CHECKIN, after the form login): the events, and per event a page made for a
 * phone that scans with the camera or takes a typed code, searches the synced list by name or code, keeps scans in
 * the browser while offline and sends them when the connection is back ({@code static/js/checkin.js}). Its scans go
 * the way of the API's ({@link DoorApi}).
 */
@Controller
class CheckInPages {

    private final EventCatalogue catalogue;
    private final Clock clock;
    private final Tickets tickets;

    CheckInPages(EventCatalogue catalogue, Clock clock, Tickets tickets) {
        this.catalogue = catalogue;
        this.clock = clock;
        this.tickets = tickets;
    }

    @GetMapping("/check-in")
    String events(Model model, Principal principal) {
        model.addAttribute("events", catalogue.views(clock.instant()));
        model.addAttribute("staffName", principal == null ? null : principal.getName());
        return "checkin/events";
    }

    @GetMapping("/check-in/events/{eventId}")
    String door(@PathVariable String eventId, Model model, Principal principal) {
        EventDefinition event = catalogue.find(eventId).orElseThrow(() -> new UnknownEventException(eventId));
        model.addAttribute("event", event);
        // The page verifies ticket codes with it while offline (decision 0031).
        model.addAttribute("publicKey", tickets.publicKey());
        model.addAttribute("staffName", principal == null ? null : principal.getName());
        return "checkin/door";
    }
}
