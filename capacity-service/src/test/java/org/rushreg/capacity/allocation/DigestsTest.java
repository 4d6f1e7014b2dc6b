package org.rushreg.capacity.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class DigestsTest {

    /** Message ids of decisions must not change with this: a replayed command must get the same id as before. */
    @Property
    void nameUuidsAreTheJdksNameBasedUuids(@ForAll String name) {
        assertThat(Digests.nameUuid(name)).isEqualTo(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }
}
