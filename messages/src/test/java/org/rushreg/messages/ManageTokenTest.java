package org.rushreg.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ManageTokenTest {

    private final ManageToken tokens = new ManageToken("a-secret-of-enough-length");
    private final Instant now = Instant.parse("2024-10-01T10:00:00Z");
    private final Instant expiry = Instant.parse("2024-10-09T00:00:00Z");

    @Test
    void aSignedTokenOpensItsOwnRegistrationUntilItExpires() {
        String token = tokens.sign("r-1", expiry);

        assertThat(tokens.verify("r-1", token, now)).isTrue();
        assertThat(tokens.verify("r-1", token, expiry)).isFalse();
    }

    @Test
    void aTokenDoesNotOpenAnotherRegistration() {
        assertThat(tokens.verify("r-2", tokens.sign("r-1", expiry), now)).isFalse();
    }

    @Test
    void forgedOrAlteredTokensAreRefused() {
        String token = tokens.sign("r-1", expiry);
        String laterExpiry = (expiry.getEpochSecond() + 86400) + token.substring(token.indexOf('.'));

        assertThat(tokens.verify("r-1", "forged", now)).isFalse();
        assertThat(tokens.verify("r-1", laterExpiry, now)).isFalse();
        assertThat(tokens.verify("r-1", new ManageToken("another-secret-entirely").sign("r-1", expiry), now)).isFalse();
        assertThat(tokens.verify("r-1", null, now)).isFalse();
    }

    @Test
    void aShortSecretIsRefusedAtStart() {
        assertThatThrownBy(() -> new ManageToken("short")).hasMessageContaining("at least 16");
    }

    @Test
    void withoutAConfiguredSecretARandomOneServesThisProcessOnly() {
        ManageToken random = ManageToken.withSecretOrRandom(" ");
        ManageToken other = ManageToken.withSecretOrRandom(null);

        assertThat(random.ephemeral()).isTrue();
        assertThat(random.verify("r-1", random.sign("r-1", expiry), now)).isTrue();
        assertThat(other.verify("r-1", random.sign("r-1", expiry), now)).isFalse();
        assertThat(ManageToken.withSecretOrRandom("a-secret-of-enough-length").ephemeral()).isFalse();
    }
}
