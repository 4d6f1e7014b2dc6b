package org.rushreg.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class IsoInstantTest {

    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years the short way covers. */
    private static final long FIRST = -62_167_219_200L;
    private static final long LAST = 253_402_300_799L;

    @Property
    void writesWhatTheJdkWritesAndReadsItBack(@ForAll @LongRange(min = FIRST, max = LAST) long seconds,
                                              @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                                              @ForAll @IntRange(min = 0, max = 3) int precision) {
        // The JDK writes 0, 3, 6 or 9 fraction digits depending on the nanos: try each shape, not only 9 digits.
        int rounded = switch (precision) {
            case 0 -> 0;
            case 1 -> nanos / 1_000_000 * 1_000_000;
            case 2 -> nanos / 1_000 * 1_000;
            default -> nanos;
        };
        Instant instant = Instant.ofEpochSecond(seconds, rounded);

        assertThat(IsoInstant.format(instant)).isEqualTo(instant.toString());
        assertThat(IsoInstant.parse(instant.toString())).isEqualTo(instant);
    }

    @Property
    void readsAnyNumberOfFractionDigitsAsTheJdkDoes(@ForAll @LongRange(min = FIRST, max = LAST) long seconds,
                                                    @ForAll @IntRange(min = 1, max = 9) int digits,
                                                    @ForAll @IntRange(min = 0, max = 999_999_999) int fraction) {
        String text = Instant.ofEpochSecond(seconds).toString().replace("Z", "")
                + "." + String.format("%09d", fraction).substring(0, digits) + "Z";

        assertThat(IsoInstant.parse(text)).isEqualTo(Instant.parse(text));
    }

    @Test
    void leavesOtherFormsToTheFullParser() {
        assertThat(IsoInstant.parse("2024-10-07T07:00:00+02:00")).isNull();
        assertThat(IsoInstant.parse("2024-10-07T07:00Z")).isNull();
        assertThat(IsoInstant.parse("2024-10-07T07:00:00.Z")).isNull();
        assertThat(IsoInstant.parse("2024-02-30T07:00:00Z")).isNull();
        assertThat(IsoInstant.parse("2024-10-07T24:00:00Z")).isNull();
        assertThat(IsoInstant.parse("2024-10-07t07:00:00Z")).isNull();
        assertThat(IsoInstant.parse("2024-1a-07T07:00:00Z")).isNull();
        assertThat(IsoInstant.parse("+12024-10-07T07:00:00Z")).isNull();
        assertThat(IsoInstant.format(Instant.parse("+12024-10-07T07:00:00Z"))).isEqualTo("+12024-10-07T07:00:00Z");
    }

    @Test
    void messagesStillAcceptWhatTheFullParserAcceptsAndExplainWhatItDoesNot() {
        String offset = """
                {"type":"CancelRegistration","messageId":"m","createdAt":"2024-10-07T09:00:00+02:00",
                 "schemaVersion":1,"eventId":"e","registrationId":"r"}""";
        RegistrationCommand command = MessageJson.fromBytes(offset.getBytes(StandardCharsets.UTF_8),
                Topics.REGISTRATION_COMMANDS);
        assertThat(command.createdAt()).isEqualTo(Instant.parse("2024-10-07T07:00:00Z"));

        String wrong = offset.replace("2024-10-07T09:00:00+02:00", "2024-02-30T07:00:00Z");
        assertThatThrownBy(() -> MessageJson.fromBytes(wrong.getBytes(StandardCharsets.UTF_8),
                Topics.REGISTRATION_COMMANDS))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("Record is not a valid RegistrationCommand");
    }
}
