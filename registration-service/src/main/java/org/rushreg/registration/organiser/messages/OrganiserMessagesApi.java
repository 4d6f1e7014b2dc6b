package org.rushreg.registration.organiser.messages;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.rushreg.registration.catalogue.EventCatalogue;
import org.rushreg.registration.catalogue.UnknownEventException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/organiser/events/{eventId}/messages} (organisers only, as every POST under
 * {@code /api/organiser}): 202 with the message's id; {@code GET} of the same path: each message's delivery report
 * (organisers and viewers).
 */
@RestController
class OrganiserMessagesApi {

    private final OrganiserMessages messages;
    private final EventCatalogue catalogue;

    OrganiserMessagesApi(OrganiserMessages messages, EventCatalogue catalogue) {
        this.messages = messages;
        this.catalogue = catalogue;
    }

    @PostMapping("/api/organiser/events/{eventId}/messages")
    ResponseEntity<OrganiserMessages.Sent> send(@PathVariable String eventId, @RequestBody MessageDraft draft,
                                                Principal organiser) {
        OrganiserMessages.Sent sent = messages.send(eventId, draft, organiser.getName());
        return ResponseEntity.accepted().location(URI.create("/api/organiser/events/" + eventId + "/messages"))
                .body(sent);
    }

    @GetMapping("/api/organiser/events/{eventId}/messages")
    List<OrganiserMessages.Report> reports(@PathVariable String eventId) {
        catalogue.find(eventId).orElseThrow(() -> new UnknownEventException(eventId));
        return messages.reports(eventId);
    }
}
