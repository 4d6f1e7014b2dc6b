package org.rushreg.registration.legal;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.Texts;
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
 * keep (decision 0038). Where the organiser wrote a notice of their own, it takes the place of the composed one, and
 * the facts the system applies — the contact, the retention, the version — follow it in a box of their own that no
 * text of the organiser can change (decision 0049).
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

    /**
     * What a privacy notice says about one event's data: who decides, how long it is kept, which version; and the
     * organiser's own text, one paragraph a line (empty: none, the page composes the notice), with the language it
     * is in where that is not the page's (the other language's text stood in).
     */
    record Notice(EventDefinition event, String eventName, int retentionDays, LocalDate erasedAfter, String version,
                  List<String> organiserText, String organiserTextLanguage) {
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
    ModelAndView notice(@PathVariable String eventId, Locale locale) {
        EventDefinition event = catalogue.find(eventId).orElseThrow(() -> new UnknownEventException(eventId));
        int days = event.personalDataRetentionDays() != null ? event.personalDataRetentionDays()
                : retention.defaultDays();
        String language = locale.getLanguage();
        ModelAndView page = new ModelAndView("legal/privacy");
        page.addObject("notice", new Notice(event, event.nameIn(language), days,
                event.personalDataKeptUntil(retention.defaultDays()), consentVersions.privacy(),
                paragraphs(event.privacyNoticeIn(language)), otherLanguage(event.privacyNotices(), language)));
        return page;
    }

    /** The organiser's text as the page shows it: each line a paragraph, blank lines dropped (escaped as any text). */
    static List<String> paragraphs(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    /** "pl" or "en" where the organiser's text is in the other language than the page's; null where it is not. */
    private static String otherLanguage(Texts notices, String language) {
        if (notices == null) {
            return null;
        }
        boolean english = language.startsWith("en");
        String own = english ? notices.en() : notices.pl();
        return own != null ? null : english ? "pl" : "en";
    }

    @GetMapping("/accessibility")
    ModelAndView accessibilityStatement() {
        ModelAndView page = new ModelAndView("legal/accessibility");
        page.addObject("statement", accessibility);
        return page;
    }
}
