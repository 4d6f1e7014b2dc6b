package org.rushreg.registration.dashboard;

import java.security.Principal;
import java.util.Locale;
import org.rushreg.registration.catalogue.UnknownEventException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.rushreg.registration.organiser.OrganiserAccounts;
import org.rushreg.registration.organiser.noshow.NoShowReleases;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live dashboard of one event, for organisers and viewers: the page (complete without JavaScript, and
 * reloading itself then) and its SSE stream of changed sections. The same data as JSON: {@link DashboardApi}.
 */
@Controller
class DashboardController {

    private final DashboardReadings readings;
    private final DashboardStreams streams;
    private final DashboardProperties properties;
    private final NoShowReleases noShowReleases;
    private final AttendanceOverTime attendanceOverTime;

    DashboardController(DashboardReadings readings, DashboardStreams streams, DashboardProperties properties,
                        NoShowReleases noShowReleases, AttendanceOverTime attendanceOverTime) {
        this.noShowReleases = noShowReleases;
        this.attendanceOverTime = attendanceOverTime;
        this.readings = readings;
        this.streams = streams;
        this.properties = properties;
    }

    @GetMapping("/organiser/events/{eventId}/dashboard")
    ModelAndView page(@PathVariable String eventId, Principal principal) {
        ModelAndView page = new ModelAndView("organiser/dashboard");
        // The organiser area's header shows who is logged in, next to the log-out button.
        page.addObject("organiserName", principal == null ? null : principal.getName());
        page.addObject("dashboard", dashboard(eventId));
        // Without JavaScript the page reloads itself; never faster than every 10 s.
        page.addObject("reloadSeconds", Math.max(10, properties.refresh().toSeconds()));
        // The no-show release's buttons (decision 0029): for organisers, from the minutes after each session's start.
        page.addObject("noShowReleases", noShowReleases.releasable(eventId));
        // Arrivals per quarter of an hour and no-show rates (as the JSON at …/dashboard/attendance), on each load.
        page.addObject("arrivals", attendanceOverTime.attendance(eventId));
        page.addObject("canWrite", principal instanceof Authentication auth && auth.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_" + OrganiserAccounts.ORGANISER)));
        return page;
    }

    @GetMapping(path = "/organiser/events/{eventId}/dashboard/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable String eventId, Locale locale) {
        return streams.listen(eventId, locale);
    }

    private Dashboard dashboard(String eventId) {
        return readings.of(eventId).orElseThrow(() -> new UnknownEventException(eventId));
    }
}
