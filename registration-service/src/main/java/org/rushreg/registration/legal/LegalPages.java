package org.rushreg.registration.legal;

import java.time.LocalDate;
import java.util.Comparator;
import org.rushreg.messages.EventDefinition;
import org.rushreg.registration.catalogue.EventCatalogue;
import org.rushreg.registration.catalogue.UnknownEventException;
import org.rushreg.registration.privacy.RetentionProperties;
import org.rushreg.registration.registrant.ConsentVersions;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/**
 * The pages the law asks a public registration site to have, linked from every public page: each event's privacy
 * notice (Art. 13 GDPR) and the site's accessibility statement (deklaracja dostępności, as Polish public bodies must
 * publish under the act of 4 April 2019 on digital accessibility).
 *
 * <p>The privacy notice is written from what the system does with an event's data (docs/personal-data.md) and from
 * the event's own settings — its organiser, its retention — so it cannot promise a retention the system does not
 * keep (decision 0038).
 */
@Controller
class LegalPages {

    private final EventCatalogue catalogue;
    private final RetentionProperties retention;
    private final ConsentVersions consentVersions;
    private final AccessibilityProperties accessibility;

    LegalPages(EventCatalogue catalogue, RetentionProperties retention, ConsentVersions consentVersions,
               AccessibilityProperties accessibility) {
        this.catalogue = catalogue;
        this.retention = retention;
        this.consentVersions = consentVersions;
        this.accessibility = accessibility;
    }

    /** What a privacy notice says about one event's data: who decides, how long it is kept, which version. */
    record Notice(EventDefinition event, int retentionDays, LocalDate erasedAfter, String version) {
    }

    @GetMapping("/privacy")
    ModelAndView notices() {
        ModelAndView page = new ModelAndView("legal/privacy-index");
        page.addObject("events", catalogue.all().stream()
                .sorted(Comparator.comparing(EventDefinition::startsOn, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList());
        return page;
    }

    @GetMapping("/events/{eventId}/privacy")
    ModelAndView notice(@PathVariable String eventId) {
        EventDefinition event = catalogue.find(eventId).orElseThrow(() -> new UnknownEventException(eventId));
        int days = event.personalDataRetentionDays() != null ? event.personalDataRetentionDays()
                : retention.defaultDays();
        ModelAndView page = new ModelAndView("legal/privacy");
        page.addObject("notice", new Notice(event, days, event.personalDataKeptUntil(retention.defaultDays()),
                consentVersions.privacy()));
        return page;
    }

    @GetMapping("/accessibility")
    ModelAndView accessibilityStatement() {
        ModelAndView page = new ModelAndView("legal/accessibility");
        page.addObject("statement", accessibility);
        return page;
    }
}
