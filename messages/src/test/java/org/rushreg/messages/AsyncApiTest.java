package org.rushreg.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The AsyncAPI description is for people and tools; it must name exactly what the code sends. */
class AsyncApiTest {

    private final String asyncApi = read("/asyncapi.yaml");

    @Test
    void everyTopicIsDescribedAtItsAddress() {
        for (Topic<?> topic : Topics.ALL) {
            assertThat(asyncApi).as(topic.name()).contains("address: " + topic.name() + "\n");
        }
    }

    @Test
    void everyMessageTypeIsDescribed() {
        Stream.of(RegistrationCommand.class, RegistrationOutcome.class)
                .flatMap(type -> Stream.of(type.getAnnotation(JsonSubTypes.class).value()))
                .forEach(subtype -> assertThat(asyncApi)
                        .as(subtype.name())
                        .contains("    " + subtype.name() + ":\n")
                        .contains("type: {const: " + subtype.name() + "}"));
        assertThat(asyncApi).contains("    SeatAvailability:\n", "    NotificationOutcome:\n", "    TicketScanned:\n");
    }

    private static String read(String resource) {
        try (InputStream in = AsyncApiTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
