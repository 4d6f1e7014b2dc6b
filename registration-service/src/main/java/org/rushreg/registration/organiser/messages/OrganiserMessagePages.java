package org.rushreg.registration.organiser.messages;

import java.security.Principal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rushreg.messages.EventDefinition;
import org.rushreg.registration.catalogue.EventCatalogue;
import org.rushreg.registration.catalogue.UnknownEventException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The organiser's page of messages: compose (both languages, the audience), preview both as the email shows them,
 * send; and the report of each message sent (addressed, sent, failed). Viewers see the report only.
 */
@Controller
class OrganiserMessagePages {

    private final OrganiserMessages messages;
    private final EventCatalogue catalogue;

    OrganiserMessagePages(OrganiserMessages messages, EventCatalogue catalogue) {
        this.messages = messages;
        this.catalogue = catalogue;
    }

    /** A paragraph of the preview: the body split at blank lines, as the email's HTML part shows it. */
    record Paragraph(List<String> lines) {
    }

    @GetMapping("/organiser/events/{eventId}/messages")
    ModelAndView page(@PathVariable String eventId, Authentication who) {
        return page(eventId, MessageDraft.empty(), Map.of(), false, who);
    }

    @PostMapping("/organiser/events/{eventId}/messages/preview")
    ModelAndView preview(@PathVariable String eventId, @ModelAttribute MessageDraft draft, Authentication who) {
        try {
            messages.check(eventId, draft);
            return page(eventId, draft, Map.of(), true, who);
        } catch (InvalidMessageException e) {
            return page(eventId, draft, errors(e), false, who);
        }
    }

    @PostMapping("/organiser/events/{eventId}/messages")
    ModelAndView send(@PathVariable String eventId, @ModelAttribute MessageDraft draft, Principal organiser,
                      Authentication who, RedirectAttributes redirect) {
        try {
            OrganiserMessages.Sent sent = messages.send(eventId, draft, organiser.getName());
            redirect.addFlashAttribute("sentMessage", sent.messageId());
            return new ModelAndView("redirect:/organiser/events/" + eventId + "/messages");
        } catch (InvalidMessageException e) {
            return page(eventId, draft, errors(e), false, who);
        }
    }

    private static Map<String, String> errors(InvalidMessageException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.problems().forEach(p -> errors.putIfAbsent(p.field(), p.message()));
        return errors;
    }

    private ModelAndView page(String eventId, MessageDraft draft, Map<String, String> errors, boolean preview,
                              Authentication who) {
        EventDefinition event = catalogue.find(eventId).orElseThrow(() -> new UnknownEventException(eventId));
        ModelAndView view = new ModelAndView("organiser/messages");
        view.addObject("event", event);
        view.addObject("draft", draft);
        view.addObject("errors", errors);
        view.addObject("preview", preview);
        view.addObject("bodyPl", paragraphs(draft.bodyPl()));
        view.addObject("bodyEn", paragraphs(draft.bodyEn()));
        view.addObject("reports", messages.reports(eventId));
        view.addObject("canWrite", who != null && who.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_" + org.rushreg.registration.organiser.OrganiserAccounts.ORGANISER)));
        view.addObject("subjectMax", MessageDraft.SUBJECT_MAX);
        view.addObject("bodyMax", MessageDraft.BODY_MAX);
        return view;
    }

    static List<Paragraph> paragraphs(String body) {
        if (body == null || body.isBlank()) {
            return List.of();
        }
        return Arrays.stream(body.strip().split("\\R\\s*\\R"))
                .map(p -> new Paragraph(p.strip().lines().toList())).toList();
    }
}
