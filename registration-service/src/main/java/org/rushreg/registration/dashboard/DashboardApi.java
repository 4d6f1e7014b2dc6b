package org.rushreg.registration.dashboard;

import org.rushreg.registration.catalogue.UnknownEventException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The dashboard of an event as JSON, for programs (organiser API: HTTP Basic, organiser or viewer). */
@RestController
class DashboardApi {

    private final DashboardReadings readings;

    DashboardApi(DashboardReadings readings) {
        this.readings = readings;
    }

    @GetMapping("/api/organiser/events/{eventId}/dashboard")
    Dashboard dashboard(@PathVariable String eventId) {
        return readings.of(eventId).orElseThrow(() -> new UnknownEventException(eventId));
    }
}
