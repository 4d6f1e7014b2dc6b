package org.rushreg.registration.registration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.rushreg.messages.Registrant;

/** The registration form as JSON (DESIGN §5). */
public record RegistrationRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters")
        String firstName,
        @NotBlank @Size(max = 100) @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters")
        String lastName,
        @NotBlank @Size(max = 254) @Email
        @Pattern(regexp = "[^\\s@]+@[^\\s@]+\\.[^\\s@]+", message = "must be a well-formed email address")
        String email,
        @Size(max = 200) @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters")
        String organisation,
        @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 100) String> sessionIds,
        @Pattern(regexp = "pl|en", message = "must be pl or en") String locale,
        @NotNull @Valid Consents consents) {

    static final String NO_CONTROL_CHARACTERS = "[^\\p{Cntrl}]*";

    public record Consents(
            @NotNull @AssertTrue(message = "must be accepted") Boolean terms,
            @NotNull @AssertTrue(message = "must be accepted") Boolean privacy) {
    }

    Registrant registrant() {
        String org = organisation == null || organisation.isBlank() ? null : organisation.strip();
        return new Registrant(firstName.strip(), lastName.strip(), email.strip(), org);
    }

    String localeOrDefault() {
        return locale == null ? "pl" : locale;
    }

    @Override
    public String toString() {
        return "RegistrationRequest[personal data hidden, sessionIds=" + sessionIds + "]";
    }
}
