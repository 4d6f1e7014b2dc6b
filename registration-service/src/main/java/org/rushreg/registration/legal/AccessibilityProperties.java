package org.rushreg.registration.legal;

import java.time.LocalDate;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the accessibility statement names: the body responsible for the site, who answers accessibility requests,
 * and its dates. The defaults are placeholders for a local run; a deployment sets its own
 * ({@code ACCESSIBILITY_*} in the README).
 *
 * @param entity       the body that publishes the site (the organiser)
 * @param siteName     the site's name as the statement names it
 * @param contactName  who answers requests about accessibility
 * @param contactEmail their email address
 * @param contactPhone their telephone number, or empty
 * @param publishedOn  when the site was first published
 * @param updatedOn    when it was last substantially updated
 * @param preparedOn   when this statement was prepared (from the site's own self-assessment)
 * @param venue        the venue's architectural accessibility (entrances, lifts, toilets, hearing loops), or empty
 */
@ConfigurationProperties("rushreg.accessibility")
public record AccessibilityProperties(String entity, String siteName, String contactName, String contactEmail,
                                      String contactPhone, LocalDate publishedOn, LocalDate updatedOn,
                                      LocalDate preparedOn, String venue) {

    public AccessibilityProperties {
        entity = orDefault(entity, "Organizator wydarzenia");
        siteName = orDefault(siteName, "Rejestracja na wydarzenia");
        contactName = orDefault(contactName, "Koordynator do spraw dostępności");
        contactEmail = orDefault(contactEmail, "dostepnosc@example.org");
        contactPhone = contactPhone == null ? "" : contactPhone.strip();
        publishedOn = publishedOn == null ? LocalDate.of(2026, 11, 27) : publishedOn;
        updatedOn = updatedOn == null ? publishedOn : updatedOn;
        preparedOn = preparedOn == null ? updatedOn : preparedOn;
        venue = venue == null ? "" : venue.strip();
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
