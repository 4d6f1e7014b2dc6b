package org.rushreg.registration.registrant;

import java.util.ArrayList;
import java.util.List;

/**
 * The web form as posted. It becomes a {@link RegistrationRequest}, the API's body, and goes through the same
 * validation and the same {@link Registrations#register}. {@code website} is the honeypot: hidden from people
 * (off-screen, out of the tab order, not autofilled), so only a bot fills it.
 */
public class RegistrationForm {

    private String firstName = "";
    private String lastName = "";
    private String email = "";
    private String organisation = "";
    private String sector = "";
    private List<String> sessionIds = new ArrayList<>();
    private boolean terms;
    private boolean privacy;
    private boolean newsletter;
    private String website = "";

    RegistrationRequest toRequest(String language) {
        return new RegistrationRequest(firstName, lastName, email, organisation, sessionIds,
                "en".equals(language) ? "en" : "pl",
                new RegistrationRequest.Consents(terms, privacy, newsletter),
                sector == null || sector.isBlank() ? null : sector);
    }

    boolean honeypotFilled() {
        return website != null && !website.isBlank();
    }

    public String getFirstName() {
        return firstName;
    }

    public void setFirstName(String firstName) {
        this.firstName = firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public void setLastName(String lastName) {
        this.lastName = lastName;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getOrganisation() {
        return organisation;
    }

    public void setOrganisation(String organisation) {
        this.organisation = organisation;
    }

    public String getSector() {
        return sector;
    }

    public void setSector(String sector) {
        this.sector = sector;
    }

    public List<String> getSessionIds() {
        return sessionIds;
    }

    public void setSessionIds(List<String> sessionIds) {
        this.sessionIds = sessionIds == null ? new ArrayList<>() : sessionIds;
    }

    public boolean isTerms() {
        return terms;
    }

    public void setTerms(boolean terms) {
        this.terms = terms;
    }

    public boolean isPrivacy() {
        return privacy;
    }

    public void setPrivacy(boolean privacy) {
        this.privacy = privacy;
    }

    public boolean isNewsletter() {
        return newsletter;
    }

    public void setNewsletter(boolean newsletter) {
        this.newsletter = newsletter;
    }

    public String getWebsite() {
        return website;
    }

    public void setWebsite(String website) {
        this.website = website;
    }

    @Override
    public String toString() {
        return "RegistrationForm[personal data hidden, sessionIds=" + sessionIds + "]";
    }
}
