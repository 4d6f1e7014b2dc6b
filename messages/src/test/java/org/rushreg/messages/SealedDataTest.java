package org.rushreg.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SealedDataTest {

    private static final byte[] PLAIN = "Anna Nowak <anna@example.org>".getBytes(StandardCharsets.UTF_8);

    @Test
    void whatIsSealedForAKeyOpensWithItAndShowsNothingInClear() {
        KeyPair reader = SealedData.newKeyPair();
        String sealed = SealedData.seal(PLAIN, SealedData.publicKeyText(reader.getPublic()));

        assertThat(SealedData.isUsablePublicKey(SealedData.publicKeyText(reader.getPublic()))).isTrue();
        assertThat(SealedData.open(sealed, reader)).isEqualTo(PLAIN);
        assertThat(new String(Base64.getDecoder().decode(sealed), StandardCharsets.ISO_8859_1))
                .doesNotContain("Anna", "Nowak", "anna@example.org");
        assertThat(SealedData.seal(PLAIN, SealedData.publicKeyText(reader.getPublic()))).isNotEqualTo(sealed);
    }

    @Test
    void anotherKeyCannotOpenIt() {
        KeyPair reader = SealedData.newKeyPair();
        String sealed = SealedData.seal(PLAIN, SealedData.publicKeyText(reader.getPublic()));

        assertThatThrownBy(() -> SealedData.open(sealed, SealedData.newKeyPair()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be opened");
    }

    @Test
    void anyChangeToTheSealedBytesIsDetected() {
        KeyPair reader = SealedData.newKeyPair();
        String publicKey = SealedData.publicKeyText(reader.getPublic());
        byte[] sealed = Base64.getDecoder().decode(SealedData.seal(PLAIN, publicKey));
        for (int i = 0; i < sealed.length; i++) {
            byte[] changed = sealed.clone();
            changed[i] ^= 0x01;
            String text = Base64.getEncoder().encodeToString(changed);
            assertThatThrownBy(() -> SealedData.open(text, reader)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> SealedData.open("not sealed", reader)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SealedData.open(null, reader)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nothingIsSealedForAMissingOrMalformedKey() {
        String notAKey = Base64.getEncoder().encodeToString(new byte[] {1, 2});
        for (String key : new String[] {null, " ", "not base64!", notAKey}) {
            assertThat(SealedData.isUsablePublicKey(key)).isFalse();
            assertThatThrownBy(() -> SealedData.seal(PLAIN, key)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("public key");
        }
    }
}
