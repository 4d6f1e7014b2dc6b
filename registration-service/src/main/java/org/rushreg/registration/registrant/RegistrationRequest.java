package org.rushreg.registration.registrant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.rushreg.messages.Registrant;

/** The registration form as JSON (DESIGN §5). */
public record RegistrationRequest(
        @NotBlank @Size(max = 100) @VisibleText String firstName,
        @NotBlank @Size(max = 100) @VisibleText String lastName,
        // RFC 5321: at most 64 characters before the @ and 254 in all.
        @NotBlank @Size(max = 254) @Email @VisibleText
        @Pattern(regexp = "(?=[^@]{1,64}@)[^\\s@]+@[^\\s@]+\\.[^\\s@]+",
                message = "must be a well-formed email address with at most 64 characters before the @")
        String email,
        @Size(max = 200) @VisibleText String organisation,
        @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 100) String> sessionIds,
        @Pattern(regexp = "pl|en", message = "must be pl or en") String locale,
        @NotNull @Valid Consents consents,
        @Pattern(regexp = SECTORS, message = "must be one of " + SECTORS) String sector) {

    /** The sectors the organiser reports on; optional. */
    public static final String SECTORS = "government|local-government|science|business|ngo|other";

    /** The two required consents and one optional (news about future events). */
    public record Consents(
            @NotNull @AssertTrue(message = "must be accepted") Boolean terms,
            @NotNull @AssertTrue(message = "must be accepted") Boolean privacy,
            Boolean newsletter) {

        boolean newsletterGiven() {
            return Boolean.TRUE.equals(newsletter);
        }
    }

    /**
     * A digest of everything the request asks for, stored with its Idempotency-Key: a repeat must ask for the same
     * thing. Fields are separated by a character no valid field contains.
     */
    String fingerprint() {
        String text = String.join("\u0000", String.valueOf(firstName), String.valueOf(lastName),
                String.valueOf(email), String.valueOf(organisation), String.valueOf(sessionIds),
                String.valueOf(localeOrDefault()), String.valueOf(sector), String.valueOf(consents));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
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
