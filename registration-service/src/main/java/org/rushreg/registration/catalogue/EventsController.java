package org.rushreg.registration.catalogue;

import java.time.Clock;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/events")
class EventsController {

    private final EventCatalogue catalogue;
    private final Clock clock;

    EventsController(EventCatalogue catalogue, Clock clock) {
        this.catalogue = catalogue;
        this.clock = clock;
    }

    @GetMapping
    List<EventView> events() {
        return catalogue.views(clock.instant());
    }

    @GetMapping("/{eventId}")
    EventView event(@PathVariable String eventId) {
        return catalogue.view(eventId, clock.instant()).orElseThrow(() -> new UnknownEventException(eventId));
    }
}
