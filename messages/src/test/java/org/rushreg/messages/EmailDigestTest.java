package org.rushreg.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class EmailDigestTest {

    private final EmailDigest digest = EmailDigest.withKey("a-key-of-enough-length");

    @Test
    void theSameAddressInAnotherSpellingIsTheSameForOneEventAndDiffersBetweenEvents() {
        String anna = digest.of("kongres", "anna.nowak@urzad.gov.pl");
        assertThat(digest.of("kongres", "  Anna.Nowak@URZAD.gov.pl ")).isEqualTo(anna);
        assertThat(digest.of("forum", "anna.nowak@urzad.gov.pl")).as("unlinkable across events").isNotEqualTo(anna);
        assertThat(digest.of("kongres", "jan.kowalski@urzad.gov.pl")).isNotEqualTo(anna);
    }

    @Test
    void aGuessedAddressCannotBeCheckedWithoutTheKey() throws Exception {
        String anna = digest.of("kongres", "anna.nowak@urzad.gov.pl");
        String plain = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("anna.nowak@urzad.gov.pl".getBytes(StandardCharsets.UTF_8)));
        assertThat(anna).isNotEqualTo(plain).hasSize(64);
        assertThat(EmailDigest.withKey("another-key-of-enough-length").of("kongres", "anna.nowak@urzad.gov.pl"))
                .isNotEqualTo(anna);
    }

    @Test
    void aShortKeyIsRefusedSayingWhatToSet() {
        assertThatThrownBy(() -> EmailDigest.withKey("short")).hasMessageContaining("EMAIL_DIGEST_KEY");
        assertThatThrownBy(() -> EmailDigest.withKey(null)).hasMessageContaining("at least 16");
    }
}
