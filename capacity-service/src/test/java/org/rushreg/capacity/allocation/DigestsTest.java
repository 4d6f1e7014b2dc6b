package org.rushreg.capacity.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class DigestsTest {

    /** Message ids of decisions must not change with this: a replayed command must get the same id as before. */
    @Property
    void nameUuidsAreTheJdksNameBasedUuids(@ForAll String name) {
        assertThat(Digests.nameUuid(name)).isEqualTo(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void emailHashIsTheSha256OfTheTrimmedLowerCasedAddress() {
        // printf 'anna@example.org' | sha256sum
        assertThat(EmailHash.of("  Anna@Example.ORG "))
                .isEqualTo("a3bf86238a1c59bd2f0a648af9293620f90d18dad133d8fe2341cf9664a5d6d0");
    }
}
