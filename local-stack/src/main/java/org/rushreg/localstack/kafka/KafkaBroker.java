package org.rushreg.localstack.kafka;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.rushreg.messages.TopicDeclarations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka in KRaft mode (broker and controller in one), run from Kafka's own server classes in
 * this JVM. The log directory is formatted once, like {@code kafka-storage.sh format}, and reused on restart.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final int NODE_ID = 1;

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private final Duration personalDataRetention;
    private KafkaRaftServer server;

    public KafkaBroker(Path logDir, int port, int controllerPort) {
        this(logDir, port, controllerPort, TopicDeclarations.PERSONAL_DATA_RETENTION);
    }

    /** A broker that forgets within {@code personalDataRetention} (see {@link #checks}). */
    public KafkaBroker(Path logDir, int port, int controllerPort, Duration personalDataRetention) {
        this.logDir = logDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.personalDataRetention = personalDataRetention;
    }

    /**
     * How often the broker looks for segments past their retention (5 minutes by default) and how long its cleaner
     * rests when no log needs compacting (15 s): never longer than the retention of the topics with personal data,
     * so that a stack started with a retention of seconds (the end-to-end proof that data is forgotten) forgets in
     * seconds, and one with the default 7 days checks as often as any broker (decision 0048).
     */
    static Map<String, String> checks(Duration personalDataRetention) {
        long retention = personalDataRetention.toMillis();
        return Map.of(
                "log.retention.check.interval.ms", Long.toString(Math.min(Duration.ofMinutes(5).toMillis(), retention)),
                "log.cleaner.backoff.ms", Long.toString(Math.min(Duration.ofSeconds(15).toMillis(), retention)));
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public synchronized void start() throws Exception {
        Files.createDirectories(logDir);
        KafkaConfig config = new KafkaConfig(properties(), false);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format();
        }
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        log.info("Kafka broker listening on {}", bootstrapServers());
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("process.roles", "broker,controller");
        p.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        p.put("log.dirs", logDir.toString());
        // One broker: every internal topic has one replica, or transactions and groups would wait for three.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "6");
        // A dead producer's open transaction is aborted within a second of its timeout, not up to ten seconds later:
        // until then it holds back every read_committed reader of its partitions (issue 17's failover).
        p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("default.replication.factor", "1");
        // A local stack should not make consumers wait three seconds for a group that never grows.
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", "6");
        p.putAll(checks(personalDataRetention));
        return p;
    }

    /** What {@code kafka-storage.sh format --standalone}-style formatting does, through the same API it uses. */
    private void format() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        new Formatter()
                .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(NODE_ID)
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(logDir.toString())
                .setDirectories(List.of(logDir.toString()))
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
        log.info("Formatted Kafka storage in {}: {}", logDir, output.toString(StandardCharsets.UTF_8).trim());
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("Kafka did not stop cleanly", e);
        }
        server = null;
    }

    /**
     * Stops the broker and starts it again on the same data and ports, as a broker restart in production: clients
     * see their connections drop and reconnect. Returns when the broker takes connections again.
     */
    public synchronized void restart() throws Exception {
        close();
        start();
    }

    public Path logDir() {
        return logDir;
    }
}
