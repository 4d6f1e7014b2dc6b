package org.rushreg.capacity.stream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.rushreg.capacity.allocation.RegistrationRecord;
import org.rushreg.capacity.allocation.RegistrationRecord.Seat;
import org.rushreg.capacity.allocation.SessionTally;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.RejectionReason;
import org.rushreg.messages.SessionStatus;

/**
 * A compact binary form for the ledger values every command reads or writes (session counters, registration
 * records): parsing them as JSON was a third of the stream thread's time (see docs/benchmarks.md). Values start
 * with a format byte; a value starting with {@code '{'} is the JSON form earlier versions wrote, still read so that
 * an existing state or changelog keeps working after an upgrade. Enums are written by name, so reordering them
 * cannot change a stored value's meaning.
 */
final class BinaryValueSerde<T> implements Serde<T> {

    private static final byte FORMAT_1 = 1;
    private static final byte JSON_OBJECT = '{';

    static final BinaryValueSerde<SessionTally> TALLIES = new BinaryValueSerde<>(SessionTally.class,
            (out, tally) -> {
                out.writeInt(tally.confirmed());
                out.writeInt(tally.waitlisted());
                out.writeLong(tally.waitlistHead());
                out.writeLong(tally.waitlistTail());
            },
            in -> new SessionTally(in.readInt(), in.readInt(), in.readLong(), in.readLong()));

    static final BinaryValueSerde<RegistrationRecord> REGISTRATIONS = new BinaryValueSerde<>(RegistrationRecord.class,
            (out, record) -> {
                writeNullable(out, record.registrationId());
                writeNullable(out, record.status() == null ? null : record.status().name());
                writeNullable(out, record.reason() == null ? null : record.reason().name());
                writeNullable(out, record.emailHash());
                out.writeInt(record.sessions().size());
                for (Seat seat : record.sessions()) {
                    writeNullable(out, seat.sessionId());
                    writeNullable(out, seat.status() == null ? null : seat.status().name());
                    out.writeBoolean(seat.waitlistPlace() != null);
                    if (seat.waitlistPlace() != null) {
                        out.writeLong(seat.waitlistPlace());
                    }
                }
                out.writeInt(record.changeIds().size());
                for (String changeId : record.changeIds()) {
                    writeNullable(out, changeId);
                }
                out.writeBoolean(record.cancelledAt() != null);
                if (record.cancelledAt() != null) {
                    out.writeLong(record.cancelledAt().getEpochSecond());
                    out.writeInt(record.cancelledAt().getNano());
                }
                out.writeBoolean(record.heldUntil() != null);
                if (record.heldUntil() != null) {
                    out.writeLong(record.heldUntil().getEpochSecond());
                    out.writeInt(record.heldUntil().getNano());
                }
            },
            in -> {
                String registrationId = readNullable(in);
                String status = readNullable(in);
                String reason = readNullable(in);
                String emailHash = readNullable(in);
                int count = in.readInt();
                List<Seat> seats = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    String sessionId = readNullable(in);
                    String seatStatus = readNullable(in);
                    Long place = in.readBoolean() ? in.readLong() : null;
                    seats.add(new Seat(sessionId, seatStatus == null ? null : SessionStatus.valueOf(seatStatus),
                            place));
                }
                // Written since the second format; the first (same day, never released) ended here.
                List<String> changeIds = new ArrayList<>();
                if (in.available() > 0) {
                    int changes = in.readInt();
                    for (int i = 0; i < changes; i++) {
                        changeIds.add(readNullable(in));
                    }
                }
                // Written since check-in (decision 0024); records written before end here and have no time.
                Instant cancelledAt = in.available() > 0 && in.readBoolean()
                        ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
                // Written since email verification holds (decision 0030); records written before end here.
                Instant heldUntil = in.available() > 0 && in.readBoolean()
                        ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
                return new RegistrationRecord(registrationId,
                        status == null ? null : RegistrationStatus.valueOf(status),
                        reason == null ? null : RejectionReason.valueOf(reason), emailHash, seats, changeIds,
                        cancelledAt, heldUntil);
            });

    private final Class<T> type;
    private final Writer<T> writer;
    private final Reader<T> reader;

    private BinaryValueSerde(Class<T> type, Writer<T> writer, Reader<T> reader) {
        this.type = type;
        this.writer = writer;
        this.reader = reader;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : toBytes(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
    }

    byte[] toBytes(T value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_1);
            writer.write(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    T fromBytes(byte[] bytes) {
        if (bytes.length > 0 && bytes[0] == JSON_OBJECT) {
            return MessageJson.fromBytes(bytes, type);
        }
        if (bytes.length == 0 || bytes[0] != FORMAT_1) {
            throw new SerializationException("Unknown format of a stored " + type.getSimpleName()
                    + " value; was the state written by a newer version of the capacity service?");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
            return reader.read(in);
        } catch (IOException e) {
            throw new SerializationException("A stored " + type.getSimpleName() + " value is cut short", e);
        }
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    @FunctionalInterface
    private interface Writer<T> {
        void write(DataOutputStream out, T value) throws IOException;
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }
}
