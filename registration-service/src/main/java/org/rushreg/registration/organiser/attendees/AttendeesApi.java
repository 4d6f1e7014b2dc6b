package org.rushreg.registration.organiser.attendees;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.rushreg.registration.tickets.BadgePdf;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The attendee list as files, and cancelling for programs. The exports answer on the API (HTTP Basic) and under
 * {@code /organiser} too, where the attendee page links to them with the logged-in session.
 */
@RestController
class AttendeesApi {

    static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);
    static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final Attendees attendees;

    AttendeesApi(Attendees attendees) {
        this.attendees = attendees;
    }

    @GetMapping({"/api/organiser/events/{eventId}/registrations.csv", "/organiser/events/{eventId}/registrations.csv"})
    ResponseEntity<byte[]> csv(@PathVariable String eventId, @RequestParam(defaultValue = "comma") String separator,
                               Principal organiser) {
        CsvExport.Separator chosen;
        try {
            chosen = CsvExport.Separator.named(separator);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return ResponseEntity.ok()
                .contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(eventId + "-registrations.csv"))
                .body(attendees.csv(eventId, organiser.getName(), chosen));
    }

    @GetMapping({"/api/organiser/events/{eventId}/registrations.xlsx", "/organiser/events/{eventId}/registrations.xlsx"})
    ResponseEntity<byte[]> xlsx(@PathVariable String eventId, Principal organiser) {
        return ResponseEntity.ok()
                .contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(eventId + "-registrations.xlsx"))
                .body(attendees.xlsx(eventId, organiser.getName()));
    }

    /**
     * Name badges (PDF) of the confirmed people, or of the registrations named in {@code registrationIds} (repeated
     * or comma-separated); {@code size} A6 (default), A7 or A5.
     */
    @GetMapping({"/api/organiser/events/{eventId}/badges.pdf", "/organiser/events/{eventId}/badges.pdf"})
    ResponseEntity<byte[]> badges(@PathVariable String eventId, @RequestParam(defaultValue = "A6") String size,
                                  @RequestParam(defaultValue = "") List<String> registrationIds,
                                  Principal organiser) {
        BadgePdf.Size chosen;
        try {
            chosen = BadgePdf.Size.named(size);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        List<String> ids = registrationIds.stream().map(String::strip).filter(id -> !id.isEmpty()).toList();
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(eventId + "-badges.pdf"))
                .body(attendees.badges(eventId, organiser.getName(), ids, chosen));
    }

    @GetMapping({"/api/organiser/events/{eventId}/registrations.json", "/organiser/events/{eventId}/registrations.json"})
    ResponseEntity<List<Attendee>> json(@PathVariable String eventId, Principal organiser) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(eventId + "-registrations.json"))
                .body(attendees.json(eventId, organiser.getName()));
    }

    @PostMapping("/api/organiser/events/{eventId}/registrations/{registrationId}/cancel")
    ResponseEntity<Map<String, String>> cancel(@PathVariable String eventId, @PathVariable String registrationId,
                                               Principal organiser) {
        boolean requested = attendees.cancel(eventId, registrationId, organiser.getName());
        return ResponseEntity.accepted()
                .body(Map.of("registrationId", registrationId, "cancellation", requested ? "REQUESTED" : "NOTHING_TO_CANCEL"));
    }

    private static String attachment(String filename) {
        return ContentDisposition.attachment().filename(filename).build().toString();
    }
}
