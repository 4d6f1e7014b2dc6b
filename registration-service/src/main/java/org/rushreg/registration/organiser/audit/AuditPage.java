package org.rushreg.registration.organiser.audit;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The audit log for people: the latest organiser actions first, of all events or of one. */
@Controller
class AuditPage {

    static final int PAGE_SIZE = 100;

    private final AuditTrail audit;

    AuditPage(AuditTrail audit) {
        this.audit = audit;
    }

    @GetMapping("/organiser/audit")
    ModelAndView audit(@RequestParam(required = false) String event, @RequestParam(defaultValue = "0") int page) {
        int current = Math.max(0, page);
        // One more than shown tells whether there is a next page.
        List<AuditTrail.Entry> entries = audit.latest(event == null || event.isBlank() ? null : event,
                current * PAGE_SIZE, PAGE_SIZE + 1);
        ModelAndView view = new ModelAndView("organiser/audit");
        view.addObject("entries", entries.stream().limit(PAGE_SIZE).toList());
        view.addObject("event", event);
        view.addObject("page", current);
        view.addObject("hasNext", entries.size() > PAGE_SIZE);
        return view;
    }
}
