package org.rushreg.registration.catalogue;

import java.time.Clock;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: the events open for registration. */
@Controller
class EventPages {

    private final EventCatalogue catalogue;
    private final Clock clock;

    EventPages(EventCatalogue catalogue, Clock clock) {
        this.catalogue = catalogue;
        this.clock = clock;
    }

    @GetMapping("/")
    String openEvents(Model model) {
        model.addAttribute("events", catalogue.views(clock.instant()).stream()
                .filter(EventView::registrationOpen)
                .toList());
        return "events";
    }
}
