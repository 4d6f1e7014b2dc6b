package org.rushreg.capacity.stream;

import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.rushreg.capacity.allocation.RegistrationRecord;
import org.rushreg.capacity.allocation.SessionTally;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.SeatAvailability;

/** The state stores of the allocation processor: the ledger in RocksDB, all with changelogs. */
final class CapacityStores {

    static final String EVENTS = "capacity-events";
    static final String TALLIES = "capacity-session-tallies";
    static final String WAITLISTS = "capacity-waitlists";
    static final String REGISTRATIONS = "capacity-registrations";
    static final String ACTIVE_EMAILS = "capacity-active-emails";
    /** The latest seats of events whose availability is not yet published: at most one entry per event. */
    static final String PENDING_AVAILABILITY = "capacity-pending-availability";

    private CapacityStores() {
    }

    static Set<StoreBuilder<?>> builders() {
        return Set.of(
                store(EVENTS, new MessageSerde<>(EventDefinition.class)),
                store(TALLIES, new MessageSerde<>(SessionTally.class)),
                store(WAITLISTS, Serdes.String()),
                store(REGISTRATIONS, new MessageSerde<>(RegistrationRecord.class)),
                store(ACTIVE_EMAILS, Serdes.String()),
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PENDING_AVAILABILITY), Serdes.String(),
                        new MessageSerde<>(SeatAvailability.class)).withCachingEnabled());
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name,
                                                                    Serde<V> values) {
        // The cache turns the many writes of a hot key (an event's definition, a session's counters) within one
        // commit into one RocksDB write and one changelog record; it is flushed with every commit, so exactly-once
        // holds.
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
                .withCachingEnabled();
    }
}
