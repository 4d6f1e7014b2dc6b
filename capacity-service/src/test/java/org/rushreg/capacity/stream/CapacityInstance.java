package org.rushreg.capacity.stream;

import java.io.IOException;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.rushreg.messages.Topics;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * A capacity-service Streams instance as the application runs it, without Spring around it: the topology from
 * {@link CapacityTopology#attach} and the Kafka Streams configuration read from the application's own
 * {@code application.yml}, so the failure tests exercise what ships. {@link #main} runs one in a JVM of its own,
 * which a test can kill like a crashed process.
 */
final class CapacityInstance {

    private static final String BINDER = "spring.cloud.stream.kafka.streams.binder.";

    /**
     * Faster failure detection than the defaults (45 s session timeout) so that a test does not wait long for a
     * killed member to leave the group; the broker must allow it ({@code group.min.session.timeout.ms}).
     */
    static final Map<String, String> FAST_FAILOVER = Map.of(
            StreamsConfig.mainConsumerPrefix("session.timeout.ms"), "2000",
            StreamsConfig.mainConsumerPrefix("heartbeat.interval.ms"), "500");

    private CapacityInstance() {
    }

    /** The Kafka Streams configuration of application.yml, placeholders resolved to their defaults. */
    static Properties applicationConfiguration(String bootstrapServers, String stateDir) {
        StandardEnvironment environment = new StandardEnvironment();
        try {
            new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new IllegalStateException("application.yml not readable", e);
        }
        Properties config = new Properties();
        environment.getPropertySources().forEach(source -> {
            if (source instanceof EnumerablePropertySource<?> names) {
                for (String name : names.getPropertyNames()) {
                    if (name.startsWith(BINDER + "configuration.")) {
                        config.put(name.substring((BINDER + "configuration.").length()),
                                environment.getProperty(name));
                    } else if (name.startsWith(BINDER + "consumer-properties.")) {
                        config.put(StreamsConfig.consumerPrefix(
                                name.substring((BINDER + "consumer-properties.").length())),
                                environment.getProperty(name));
                    }
                }
            }
        });
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, environment.getProperty(BINDER + "application-id"));
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        return config;
    }

    /** A not yet started instance; {@code overrides} are Kafka Streams settings set on top of the application's. */
    static KafkaStreams create(String bootstrapServers, String stateDir, Map<String, String> overrides) {
        return create(bootstrapServers, stateDir, overrides, Time.SYSTEM);
    }

    /** As {@link #create(String, String, Map)}, on the given clock (its punctuations, its "now"). */
    static KafkaStreams create(String bootstrapServers, String stateDir, Map<String, String> overrides, Time time) {
        Properties config = applicationConfiguration(bootstrapServers, stateDir);
        config.putAll(overrides);
        StreamsBuilder builder = new StreamsBuilder();
        // The application's two inputs (application.yml): the commands and the events' expiries (decision 0039).
        CapacityTopology.attach(builder.stream(java.util.List.of(Topics.REGISTRATION_COMMANDS.name(),
                Topics.PERSONAL_DATA_EXPIRATIONS.name()), Consumed.with(Serdes.String(), Serdes.ByteArray())));
        KafkaStreams streams = new KafkaStreams(builder.build(config), config, time);
        // What the Kafka Streams binder does: an exception that escapes a stream thread stops the client.
        streams.setUncaughtExceptionHandler(exception -> StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        return streams;
    }

    /**
     * Runs one instance until the process is killed. Arguments: bootstrap servers, state dir, then Kafka Streams
     * settings as {@code key=value}. Prints lines starting with {@code @} that the test waits for.
     */
    public static void main(String[] args) {
        quietLogging();
        PrintStream out = System.out;
        Map<String, String> overrides = new HashMap<>(FAST_FAILOVER);
        for (int i = 2; i < args.length; i++) {
            String[] setting = args[i].split("=", 2);
            overrides.put(setting[0], setting[1]);
        }
        KafkaStreams streams = create(args[0], args[1], overrides);
        streams.setStateListener((now, before) -> out.println("@state " + now));
        streams.setGlobalStateRestoreListener(new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
                // "@restoring" only when there is something to restore: the moment a test may kill a restore.
                out.println((end > start ? "@restoring " : "@restore-start ") + store + " " + partition.partition()
                        + " " + (end - start));
            }

            @Override
            public void onBatchRestored(TopicPartition partition, String store, long batchEnd, long restored) {
            }

            @Override
            public void onRestoreEnd(TopicPartition partition, String store, long restored) {
                out.println("@restore-end " + store + " " + partition.partition() + " " + restored);
            }
        });
        streams.start();
        // No shutdown hook and no close: the test ends this JVM with SIGKILL, as a crash would.
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void quietLogging() {
        org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
