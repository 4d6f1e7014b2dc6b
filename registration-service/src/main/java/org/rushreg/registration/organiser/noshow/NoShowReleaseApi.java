package org.rushreg.registration.organiser.noshow;

import java.security.Principal;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code POST /api/organiser/events/{eventId}/sessions/{sessionId}/no-show-release} (organisers only, as every
 * POST under {@code /api/organiser}): 202 with the release's id; and the dashboard's button for it under
 * {@code /organiser}, which comes back to the dashboard.
 */
@Controller
class NoShowReleaseApi {

    private final NoShowReleases releases;

    NoShowReleaseApi(NoShowReleases releases) {
        this.releases = releases;
    }

    @PostMapping("/api/organiser/events/{eventId}/sessions/{sessionId}/no-show-release")
    @ResponseBody
    ResponseEntity<NoShowReleases.Requested> release(@PathVariable String eventId, @PathVariable String sessionId,
                                                     Principal organiser) {
        return ResponseEntity.accepted().body(releases.request(eventId, sessionId, organiser.getName()));
    }

    /** 404 and 409 as problems whose detail says why (the option to set, the time from which it can be asked). */
    @ExceptionHandler(ResponseStatusException.class)
    @ResponseBody
    ResponseEntity<ProblemDetail> refused(ResponseStatusException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.getStatusCode(), e.getReason());
        return ResponseEntity.status(e.getStatusCode()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @PostMapping("/organiser/events/{eventId}/sessions/{sessionId}/no-show-release")
    String releaseFromPage(@PathVariable String eventId, @PathVariable String sessionId, Principal organiser,
                           RedirectAttributes redirect) {
        NoShowReleases.Requested requested = releases.request(eventId, sessionId, organiser.getName());
        redirect.addFlashAttribute("noShowReleased", requested.sessionId());
        return "redirect:/organiser/events/" + eventId + "/dashboard";
    }
}
