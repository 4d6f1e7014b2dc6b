package org.rushreg.capacity.stream;

import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.rushreg.messages.EmailDigest;
import org.rushreg.messages.TopicDeclarations;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The whole stream: commands in, one allocation processor with its stores, decisions, seat availability and dead
 * letters out. The application and the topology test build it through {@link #attach}.
 */
public final class CapacityTopology {

    private CapacityTopology() {
    }

    /** How often changed seat availability is published unless configured otherwise. */
    public static final Duration DEFAULT_AVAILABILITY_INTERVAL = Duration.ofMillis(200);

    /** How often the holds past their deadline are expired unless configured otherwise (decision 0030). */
    public static final Duration DEFAULT_HOLD_CHECK_INTERVAL = Duration.ofSeconds(5);

    /**
     * Hangs the allocation onto a stream of command records (key eventId, value the command's JSON bytes), with
     * the development key for email digests: tests only.
     */
    public static void attach(KStream<String, byte[]> commands) {
        attach(commands, DEFAULT_AVAILABILITY_INTERVAL, EmailDigest.withKey(EmailDigest.DEVELOPMENT_KEY));
    }

    /**
     * As {@link #attach(KStream)}, publishing changed seat availability at most once per event per interval, keeping
     * addresses as {@code emails} digests them.
     */
    public static void attach(KStream<String, byte[]> commands, Duration availabilityInterval, EmailDigest emails) {
        attach(commands, availabilityInterval, DEFAULT_HOLD_CHECK_INTERVAL, emails);
    }

    /** As {@link #attach(KStream, Duration, EmailDigest)}, expiring the holds past their deadline every interval. */
    public static void attach(KStream<String, byte[]> commands, Duration availabilityInterval,
                              Duration holdCheckInterval, EmailDigest emails) {
        attach(commands, availabilityInterval, holdCheckInterval, emails, TopicDeclarations.PERSONAL_DATA_RETENTION);
    }

    /**
     * As {@link #attach(KStream, Duration, Duration, EmailDigest)}, the state's changelogs compacted within
     * {@code personalDataRetention} (decision 0048).
     */
    public static void attach(KStream<String, byte[]> commands, Duration availabilityInterval,
                              Duration holdCheckInterval, EmailDigest emails, Duration personalDataRetention) {
        KStream<String, Outbound> outbound = commands.process(
                new AllocationSupplier(availabilityInterval, holdCheckInterval, emails, personalDataRetention),
                Named.as("allocate-seats"));
        outbound.to(Outbound.TOPIC, Produced.with(Serdes.String(), Outbound.PAYLOAD).withName("outbound-sink"));
    }

    /** Supplies the processor together with its stores, so Kafka Streams registers and connects them. */
    private static final class AllocationSupplier implements ProcessorSupplier<String, byte[], String, Outbound> {

        private final Duration availabilityInterval;
        private final Duration holdCheckInterval;
        private final EmailDigest emails;
        private final Duration personalDataRetention;

        AllocationSupplier(Duration availabilityInterval, Duration holdCheckInterval, EmailDigest emails,
                           Duration personalDataRetention) {
            this.availabilityInterval = availabilityInterval;
            this.holdCheckInterval = holdCheckInterval;
            this.emails = emails;
            this.personalDataRetention = personalDataRetention;
        }

        @Override
        public Processor<String, byte[], String, Outbound> get() {
            return new AllocationProcessor(availabilityInterval, holdCheckInterval, emails,
                    TopicDeclarations.segmentOf(personalDataRetention));
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return CapacityStores.builders(personalDataRetention);
        }
    }
}
