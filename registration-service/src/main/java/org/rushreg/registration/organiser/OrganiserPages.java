package org.rushreg.registration.organiser;

import java.time.Clock;
import org.rushreg.registration.catalogue.EventCatalogue;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The way into the organiser area: the login page, and the list of events with what can be done with each. */
@Controller
class OrganiserPages {

    private final EventCatalogue catalogue;
    private final Clock clock;

    OrganiserPages(EventCatalogue catalogue, Clock clock) {
        this.catalogue = catalogue;
        this.clock = clock;
    }

    @GetMapping("/organiser/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String locked,
                 @RequestParam(required = false) String logout, Model model) {
        model.addAttribute("failed", error != null);
        model.addAttribute("locked", locked != null);
        model.addAttribute("loggedOut", logout != null);
        return "organiser/login";
    }

    @GetMapping("/organiser")
    String events(Model model) {
        model.addAttribute("events", catalogue.views(clock.instant()));
        return "organiser/events";
    }
}
