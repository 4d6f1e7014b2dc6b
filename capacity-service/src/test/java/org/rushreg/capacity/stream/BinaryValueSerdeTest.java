package org.rushreg.capacity.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.rushreg.capacity.allocation.RegistrationRecord;
import org.rushreg.capacity.allocation.RegistrationRecord.Seat;
import org.rushreg.capacity.allocation.SessionTally;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.RejectionReason;
import org.rushreg.messages.SessionStatus;

class BinaryValueSerdeTest {

    private static final RegistrationRecord WAITLISTED = new RegistrationRecord("r-1", RegistrationStatus.CONFIRMED,
            null, "ab".repeat(32), List.of(new Seat("day-1", SessionStatus.CONFIRMED, null),
                    new Seat("walk", SessionStatus.WAITLISTED, 42L)));

    @Test
    void aRegistrationRecordReadsBackAsItWasWritten() {
        RegistrationRecord rejected = new RegistrationRecord("r-2", RegistrationStatus.REJECTED,
                RejectionReason.FULL, null, List.of(new Seat("day-1", SessionStatus.REJECTED, null)));
        for (RegistrationRecord record : List.of(WAITLISTED, rejected)) {
            byte[] bytes = BinaryValueSerde.REGISTRATIONS.serializer().serialize("t", record);
            assertThat(BinaryValueSerde.REGISTRATIONS.deserializer().deserialize("t", bytes)).isEqualTo(record);
        }
    }

    @Test
    void theAnsweredChangesOfARegistrationAreKept() {
        RegistrationRecord changed = new RegistrationRecord("r-3", RegistrationStatus.WAITLISTED, null, "cd",
                List.of(new Seat("walk", SessionStatus.WAITLISTED, 7L)), List.of("change-1", "change-2"));
        byte[] bytes = BinaryValueSerde.REGISTRATIONS.serializer().serialize("t", changed);
        assertThat(BinaryValueSerde.REGISTRATIONS.deserializer().deserialize("t", bytes)).isEqualTo(changed);

        // the change ids and the (absent) cancellation time and hold after them
        byte[] withoutChanges = java.util.Arrays.copyOf(bytes,
                bytes.length - (4 + 2 * (1 + 2 + "change-1".length())) - 1 - 1);
        assertThat(BinaryValueSerde.REGISTRATIONS.deserializer().deserialize("t", withoutChanges).changeIds())
                .as("a record written before changes were remembered").isEmpty();
    }

    @Test
    void theTimeOfACancellationIsKeptAndRecordsWrittenBeforeItHaveNone() {
        RegistrationRecord cancelled = new RegistrationRecord("r-4", RegistrationStatus.CANCELLED, null, "ef",
                List.of(new Seat("day-1", SessionStatus.CANCELLED, null)), List.of("change-1"),
                java.time.Instant.parse("2024-10-07T07:12:03.123456789Z"));
        byte[] bytes = BinaryValueSerde.REGISTRATIONS.serializer().serialize("t", cancelled);
        assertThat(BinaryValueSerde.REGISTRATIONS.deserializer().deserialize("t", bytes)).isEqualTo(cancelled);

        byte[] before = java.util.Arrays.copyOf(bytes, bytes.length - (1 + 8 + 4) - 1);
        assertThat(BinaryValueSerde.REGISTRATIONS.deserializer().deserialize("t", before))
                .as("a record written before cancellation times were kept")
                .isEqualTo(new RegistrationRecord("r-4", RegistrationStatus.CANCELLED, null, "ef",
                        List.of(new Seat("day-1", SessionStatus.CANCELLED, null)), List.of("change-1")));
    }

    @Test
    void theDeadlineOfAHoldIsKeptAndRecordsWrittenBeforeHoldsHaveNone() {
        RegistrationRecord held = new RegistrationRecord("r-5", RegistrationStatus.CONFIRMED, null, "gh",
                List.of(new Seat("day-1", SessionStatus.CONFIRMED, null)), List.of(), null,
                java.time.Instant.parse("2024-09-10T09:30:00.5Z"));
        byte[] bytes = BinaryValueSerde.REGISTRATIONS.serializer().serialize("t", held);
        assertThat(BinaryValueSerde.REGISTRATIONS.deserializer().deserialize("t", bytes)).isEqualTo(held);

        byte[] before = java.util.Arrays.copyOf(bytes, bytes.length - (1 + 8 + 4));
        assertThat(BinaryValueSerde.REGISTRATIONS.deserializer().deserialize("t", before).heldUntil())
                .as("a record written before holds").isNull();
    }

    @Test
    void aSessionTallyReadsBackAsItWasWrittenAndIsSmallerThanItsJson() {
        SessionTally tally = new SessionTally(13_750, 120, 7_000_000_000L, 7_000_000_120L);
        byte[] bytes = BinaryValueSerde.TALLIES.serializer().serialize("t", tally);
        assertThat(BinaryValueSerde.TALLIES.deserializer().deserialize("t", bytes)).isEqualTo(tally);
        assertThat(bytes.length).isLessThan(MessageJson.toBytes(tally).length);
    }

    @Test
    void valuesStoredAsJsonByEarlierVersionsAreStillRead() {
        assertThat(BinaryValueSerde.REGISTRATIONS.deserializer().deserialize("t", MessageJson.toBytes(WAITLISTED)))
                .isEqualTo(WAITLISTED);
        SessionTally tally = new SessionTally(1, 2, 3, 4);
        assertThat(BinaryValueSerde.TALLIES.deserializer().deserialize("t", MessageJson.toBytes(tally)))
                .isEqualTo(tally);
    }

    @Test
    void aValueOfAnUnknownFormatIsRefusedWithAReason() {
        assertThatThrownBy(() -> BinaryValueSerde.TALLIES.deserializer().deserialize("t", new byte[] {9, 0, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("newer version");
    }
}
