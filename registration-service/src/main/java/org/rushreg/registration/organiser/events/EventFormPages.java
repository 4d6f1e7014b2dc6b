package org.rushreg.registration.organiser.events;

import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rushreg.messages.EventDefinition;
import org.rushreg.registration.catalogue.EventCatalogue;
import org.rushreg.registration.catalogue.UnknownEventException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The event form: a new event, or a stored one to change; a plain HTML form that works without JavaScript. */
@Controller
class EventFormPages {

    /** A problem shown on the form: linked from the summary to the input ({@code anchor} is its id). */
    record FormError(String field, String anchor, String code, String message) {

        static FormError of(EventProblem p) {
            return new FormError(p.field(), anchorOf(p.field()), p.code(), p.message());
        }
    }

    private final EventCatalogue catalogue;
    private final EventEditor editor;

    EventFormPages(EventCatalogue catalogue, EventEditor editor) {
        this.catalogue = catalogue;
        this.editor = editor;
    }

    @GetMapping("/organiser/events/new")
    ModelAndView newEvent() {
        return page(new EventForm().withBlankRows(), true, List.of(), HttpStatus.OK);
    }

    @GetMapping("/organiser/events/{eventId}/edit")
    ModelAndView edit(@PathVariable String eventId) {
        EventDefinition event = catalogue.find(eventId).orElseThrow(() -> new UnknownEventException(eventId));
        return page(EventForm.of(event), false, List.of(), HttpStatus.OK);
    }

    @PostMapping("/organiser/events")
    ModelAndView create(@ModelAttribute("form") EventForm form, Principal organiser, RedirectAttributes redirect) {
        if (catalogue.find(form.getId()).isPresent()) {
            return page(form.withBlankRows(), true,
                    List.of(new EventProblem("id", "taken", "an event with this id exists already")),
                    HttpStatus.BAD_REQUEST);
        }
        return save(form.getId(), form, true, organiser, redirect);
    }

    @PostMapping("/organiser/events/{eventId}")
    ModelAndView change(@PathVariable String eventId, @ModelAttribute("form") EventForm form, Principal organiser,
                        RedirectAttributes redirect) {
        catalogue.find(eventId).orElseThrow(() -> new UnknownEventException(eventId));
        form.setId(eventId);
        return save(eventId, form, false, organiser, redirect);
    }

    private ModelAndView save(String eventId, EventForm form, boolean creating, Principal organiser,
                              RedirectAttributes redirect) {
        List<EventProblem> problems = new ArrayList<>();
        EventDefinition event = form.toDefinition(eventId, problems);
        if (problems.isEmpty()) {
            try {
                editor.save(eventId, event, organiser.getName());
                redirect.addFlashAttribute("saved", event.name());
                return new ModelAndView("redirect:/organiser");
            } catch (InvalidEventException e) {
                problems = e.problems();
            }
        }
        return page(form.withBlankRows(), creating, problems, HttpStatus.BAD_REQUEST);
    }

    private static ModelAndView page(EventForm form, boolean creating, List<EventProblem> problems, HttpStatus status) {
        ModelAndView page = new ModelAndView("organiser/event-form");
        page.setStatus(status);
        page.addObject("form", form);
        page.addObject("creating", creating);
        List<FormError> errors = problems.stream().map(FormError::of).toList();
        page.addObject("errors", errors);
        // The first problem of each field is shown next to it.
        Map<String, String> codes = new LinkedHashMap<>();
        errors.forEach(e -> codes.putIfAbsent(e.field(), e.code()));
        page.addObject("errorCodes", codes);
        return page;
    }

    /** An HTML id for a field name: {@code sessions[2].capacity} becomes {@code sessions-2-capacity}. */
    static String anchorOf(String field) {
        return field.replace("[", "-").replace("].", "-").replace("]", "").replace(".", "-");
    }
}
