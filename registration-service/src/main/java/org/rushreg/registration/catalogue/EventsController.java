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
        return catalogue.all().stream()
                .map(e -> EventView.of(e, catalogue.seats(e.id()), clock.instant()))
                .toList();
    }

    @GetMapping("/{eventId}")
    EventView event(@PathVariable String eventId) {
        var event = catalogue.find(eventId).orElseThrow(() -> new UnknownEventException(eventId));
        return EventView.of(event, catalogue.seats(eventId), clock.instant());
    }
}
