package org.rushreg.capacity.stream;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.rushreg.capacity.allocation.Attendance;
import org.rushreg.capacity.allocation.RegistrationRecord;
import org.rushreg.capacity.allocation.SessionTally;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.SeatAvailability;
import org.rushreg.messages.TopicDeclarations;

/**
 * The state stores of the allocation processor: the ledger in memory, all with changelogs (decision 0009: RocksDB
 * cost more CPU per decision than everything else the stream thread does, and an event's registrations fit in a
 * few megabytes). The changelogs are compacted within the retention of the topics with personal data (decision
 * 0048), so that a registration record rewritten without its email digest (an erasure, an event's expiry) replaces
 * the old value on the broker too, not only in memory.
 */
final class CapacityStores {

    static final String EVENTS = "capacity-events";
    static final String TALLIES = "capacity-session-tallies";
    static final String REGISTRATIONS = "capacity-registrations";
    /** What the doors have seen of each registration (decision 0024); written once per scan. */
    static final String ATTENDANCE = "capacity-attendance";
    /** The latest seats of events whose availability is not yet published: at most one entry per event. */
    static final String PENDING_AVAILABILITY = "capacity-pending-availability";

    /** Event definitions stay JSON: they are read from the store only once per task (see StoreLedger). */
    static final Serde<EventDefinition> EVENT_VALUES = new MessageSerde<>(EventDefinition.class);
    static final Serde<SessionTally> TALLY_VALUES = BinaryValueSerde.TALLIES;
    static final Serde<RegistrationRecord> REGISTRATION_VALUES = BinaryValueSerde.REGISTRATIONS;
    /** JSON: a record is written once per scan, a few times per person and event, never in a registration rush. */
    static final Serde<Attendance> ATTENDANCE_VALUES = new MessageSerde<>(Attendance.class);

    private CapacityStores() {
    }

    /** The stores, their changelogs compacted within {@code personalDataRetention}. */
    static Set<StoreBuilder<?>> builders(Duration personalDataRetention) {
        Map<String, String> changelog = TopicDeclarations.forgettingChangelog(personalDataRetention);
        return Set.of(
                cached(EVENTS, EVENT_VALUES).withLoggingEnabled(changelog),
                cached(TALLIES, TALLY_VALUES).withLoggingEnabled(changelog),
                uncached(REGISTRATIONS, REGISTRATION_VALUES).withLoggingEnabled(changelog),
                uncached(ATTENDANCE, ATTENDANCE_VALUES).withLoggingEnabled(changelog),
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PENDING_AVAILABILITY), Serdes.String(),
                        new MessageSerde<>(SeatAvailability.class)).withCachingEnabled().withLoggingEnabled(changelog));
    }

    /**
     * For hot keys (an event's definition, a session's counters): the cache turns their many writes within one
     * commit into one store write and one changelog record; it is flushed with every commit, so exactly-once
     * holds.
     */
    private static <V> StoreBuilder<KeyValueStore<String, V>> cached(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
                .withCachingEnabled();
    }

    /**
     * For keys written once or twice in their life (a registration): a cache could
     * coalesce nothing and only cost a sorted-map insert per write and a burst of writes at every commit.
     */
    private static <V> StoreBuilder<KeyValueStore<String, V>> uncached(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
                .withCachingDisabled();
    }
}
