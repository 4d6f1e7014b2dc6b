package org.rushreg.capacity.stream;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.rushreg.messages.ConfigureEvent;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.Registrant;
import org.rushreg.messages.RegisterAttendee;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.messages.Topics;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The issue 3 benchmark (not a test): one event, one partition, exactly-once on, against a plain transactional
 * consume-and-produce copy of the same records on the same embedded broker, in the same JVM and run.
 *
 * <ol>
 *   <li>Throughput: W warm-up registrations for another event, then N registrations are preloaded; the baseline
 *   copies them, then the capacity service decides them; records/s and decisions/s are counted over the N, from the
 *   first of their outputs visible to a read_committed reader to the last, with the CPU time spent meanwhile.</li>
 *   <li>Latency: with the backlog gone, registrations arrive at a steady rate; latency is the time from the
 *   command's timestamp (the decision carries it) to the moment a read_committed reader sees the output.</li>
 * </ol>
 *
 * <p>The copy's consumer and producer take the service's client settings (Kafka Streams' defaults, application.yml,
 * and {@code -Dbenchmark.streams.*} overrides), so that tuning one tunes both.
 *
 * Run: {@code ./mvnw -B -pl capacity-service -am -Pbenchmark verify} (see the README for the knobs).
 */
public final class CapacityBenchmark {

    private static final String EVENT = "benchmark-event";
    private static final String WARMUP_EVENT = "warm-up-event";
    private static final String COPY_TOPIC = "benchmark.copy";
    private static final String STREAMS_KNOB = "benchmark.streams.";

    /**
     * 100,000 warm-up and 200,000 measured commands: with 20,000 and 50,000 the JIT compiler still took 40% of the
     * machine's CPU while the service was measured (C2 recompiling the decision path after the copy's phase changed
     * the type profiles of the shared Kafka code), so the figure said more about compilation than about deciding.
     * The compilation time during each measurement is printed, so a run that was still compiling shows it.
     */
    private final int preloaded = Integer.getInteger("benchmark.commands", 200_000);
    private final int warmup = Integer.getInteger("benchmark.warmup", 100_000);
    private final int paced = Integer.getInteger("benchmark.paced", 5_000);
    private final int rate = Integer.getInteger("benchmark.rate", 500);
    private final String brokers;
    private final AtomicLong sequence = new AtomicLong();
    /** Kafka Streams settings on top of application.yml, from {@code -Dbenchmark.streams.<name>=<value>}. */
    private final Map<String, String> streamsOverrides = new TreeMap<>();
    /** The consumer and producer settings the copy shares with the service's main consumer and producer. */
    private final Map<String, Object> copyConsumerTuning = new TreeMap<>();
    private final Map<String, Object> copyProducerTuning = new TreeMap<>();

    private CapacityBenchmark(String brokers) {
        this.brokers = brokers;
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith(STREAMS_KNOB))
                .forEach(name -> streamsOverrides.put(name.substring(STREAMS_KNOB.length()),
                        System.getProperty(name)));
        // A fair baseline: the copy polls, batches and compresses exactly as the service's clients do (Kafka
        // Streams' own defaults, application.yml and the overrides above), so only the processing differs.
        Properties streams = CapacityInstance.applicationConfiguration(brokers, "unused");
        streams.putAll(streamsOverrides);
        StreamsConfig config = new StreamsConfig(streams);
        Map<String, Object> consumer = config.getMainConsumerConfigs("group", "client", 0);
        Map<String, Object> producer = config.getProducerConfigs("client");
        for (String name : List.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, ConsumerConfig.FETCH_MIN_BYTES_CONFIG,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, ConsumerConfig.FETCH_MAX_BYTES_CONFIG,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG)) {
            if (consumer.containsKey(name)) {
                copyConsumerTuning.put(name, consumer.get(name));
            }
        }
        for (String name : List.of(ProducerConfig.LINGER_MS_CONFIG, ProducerConfig.BATCH_SIZE_CONFIG,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, ProducerConfig.BUFFER_MEMORY_CONFIG,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG)) {
            if (producer.containsKey(name)) {
                copyProducerTuning.put(name, producer.get(name));
            }
        }
    }

    public static void main(String[] args) throws Exception {
        CapacityInstance.quietLogging();
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        try {
            new CapacityBenchmark(broker.getBrokersAsString()).run();
        } finally {
            broker.destroy();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        new TopicProvisioning(new TopicProvisioning.Settings(brokers, true, 1, (short) 1, 0, null, null, null));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            admin.createTopics(List.of(new NewTopic(COPY_TOPIC, 1, (short) 1))).all().get();
        }
        System.out.printf("Preloading %,d commands for one event on one partition, after %,d for another event to "
                + "warm the JVM up%n", preloaded, warmup);
        System.out.printf("Streams settings on top of application.yml: %s%n", streamsOverrides);
        System.out.printf("Client settings of both: consumer %s, producer %s%n", copyConsumerTuning,
                copyProducerTuning);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            // Both the copy and the service first handle the warm-up event's commands, so that neither is
            // measured while the JIT compiler is still busy with its code (it took most of the CPU otherwise).
            producer.send(record(ConfigureEvent.of(event(WARMUP_EVENT))));
            for (int i = 0; i < warmup; i++) {
                producer.send(record(register(WARMUP_EVENT)));
            }
            producer.send(record(ConfigureEvent.of(event(EVENT))));
            for (int i = 0; i < preloaded; i++) {
                producer.send(record(register(EVENT)));
            }
            producer.flush();
        }

        Result baseline;
        try (OutputWatch copies = new OutputWatch(COPY_TOPIC); CopyLoop copy = new CopyLoop()) {
            copy.start(false);
            baseline = copies.throughput(warmup + 1, preloaded + 1, "baseline-copy");
            copy.stop();
            copies.reset();
            CopyLoop fresh = new CopyLoop();
            fresh.start(true);
            sendPaced();
            copies.awaitCount(paced);
            baseline.latencies(copies.latencies());
            fresh.close();
        }

        Result service;
        try (OutputWatch decisions = new OutputWatch(Topics.REGISTRATION_DECISIONS.name());
             KafkaStreams streams = CapacityInstance.create(brokers,
                     java.nio.file.Files.createTempDirectory("capacity-benchmark").toString(), streamsOverrides)) {
            streams.start();
            service = decisions.throughput(warmup, preloaded, "StreamThread");
            // The baseline's paced commands went to the same command topic, after the preloaded ones: the
            // service decides them too. Counting them as the paced phase's decisions would report how long they
            // waited since the baseline's phase (tens of seconds), not a decision latency.
            decisions.awaitCount(warmup + preloaded + paced);
            decisions.reset();
            sendPaced();
            decisions.awaitCount(paced);
            service.latencies(decisions.latencies());
            if (Boolean.getBoolean("benchmark.timeline")) {
                decisions.timeline();
            }
        }

        System.out.println();
        System.out.println("baseline (transactional copy): " + baseline.describe("records"));
        System.out.println("capacity-service (exactly_once_v2): " + service.describe("decisions"));
        System.out.printf("capacity-service / baseline: %.0f%% of the records/s; %.1f× the CPU per record in the "
                        + "processing thread, %.1f× in the whole JVM (paced phase at %,d commands/s)%n",
                100 * service.perSecond / baseline.perSecond,
                service.threadMicrosPerRecord / baseline.threadMicrosPerRecord,
                service.jvmMicrosPerRecord / baseline.jvmMicrosPerRecord, rate);
    }

    /**
     * Throughput, and the CPU time spent per record while it was measured: by the thread that copies or decides,
     * and by the whole JVM (broker, clients, benchmark). CPU per record hardly depends on what else runs on the
     * machine, so it compares the two fairly even when a busy machine makes records/s noisy.
     */
    private static final class Result {
        final double perSecond;
        final double threadMicrosPerRecord;
        final double jvmMicrosPerRecord;
        final long compilationMillis;
        long p50;
        long p99;

        Result(double perSecond, double threadMicrosPerRecord, double jvmMicrosPerRecord, long compilationMillis) {
            this.perSecond = perSecond;
            this.threadMicrosPerRecord = threadMicrosPerRecord;
            this.jvmMicrosPerRecord = jvmMicrosPerRecord;
            this.compilationMillis = compilationMillis;
        }

        void latencies(List<Long> millis) {
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            p50 = sorted.get((int) (sorted.size() * 0.50));
            p99 = sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99)));
        }

        String describe(String unit) {
            return String.format("%,.0f %s/s; CPU per record: %.0f µs in the processing thread, %.0f µs in the "
                    + "whole JVM; JIT compilation meanwhile %,d ms; latency p50 %d ms, p99 %d ms", perSecond, unit,
                    threadMicrosPerRecord, jvmMicrosPerRecord, compilationMillis, p50, p99);
        }
    }

    /** CPU nanoseconds used so far by the live threads whose name contains {@code fragment}. */
    private static long threadCpuNanos(String fragment) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().contains(fragment))
                .mapToLong(thread -> Math.max(0, threads.getThreadCpuTime(thread.getId()))).sum();
    }

    private static long compilationMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Map<String, Object> with(Map<String, Object> base, Map<String, Object> tuning) {
        Map<String, Object> all = new HashMap<>(base);
        all.putAll(tuning);
        return all;
    }

    private static double seconds(long startNanos, long endNanos) {
        return (endNanos - startNanos) / 1e9;
    }

    /** {@code paced} registrations at {@code rate} per second, each stamped when sent. */
    private void sendPaced() {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            long start = System.nanoTime();
            long every = 1_000_000_000L / rate;
            for (int i = 0; i < paced; i++) {
                long due = start + i * every;
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                producer.send(record(register(EVENT)));
            }
            producer.flush();
        }
    }

    private RegisterAttendee register(String eventId) {
        long n = sequence.incrementAndGet();
        return RegisterAttendee.of(eventId, "b-" + n, new Registrant("Bench", "Mark", "b" + n + "@example.org", null),
                List.of(n % 2 == 0 ? "day-1" : "day-2"), "en");
    }

    private EventDefinition event(String eventId) {
        // Half the registrations find a seat, the rest wait: both paths of the rules are exercised.
        int capacity = (preloaded + paced) / 4;
        return new EventDefinition(eventId, "Benchmark", "CFK_13", "Fabryczna 13, Kraków", "Europe/Warsaw",
                LocalDate.of(2024, 10, 7), LocalDate.of(2024, 10, 8), null, null, true, "organiser@example.org",
                List.of(new SessionDefinition("day-1", "Day 1", Instant.parse("2024-10-07T07:00:00Z"),
                                Instant.parse("2024-10-07T16:00:00Z"), capacity),
                        new SessionDefinition("day-2", "Day 2", Instant.parse("2024-10-08T07:00:00Z"),
                                Instant.parse("2024-10-08T16:00:00Z"), capacity)));
    }

    private static ProducerRecord<String, byte[]> record(org.rushreg.messages.RegistrationCommand command) {
        return new ProducerRecord<>(Topics.REGISTRATION_COMMANDS.name(), command.eventId(),
                MessageJson.toBytes(command));
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** The baseline: poll, copy every record in one transaction with the consumed offsets, commit, repeat. */
    private final class CopyLoop implements AutoCloseable {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final CountDownLatch ready = new CountDownLatch(1);
        private Thread thread;

        /** Returns once the loop has its position and transactional producer, so no record sent after is missed. */
        void start(boolean fromEnd) throws InterruptedException {
            thread = new Thread(() -> copy(fromEnd), "baseline-copy");
            thread.start();
            ready.await();
        }

        private void copy(boolean fromEnd) {
            TopicPartition in = new TopicPartition(Topics.REGISTRATION_COMMANDS.name(), 0);
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(with(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                    ConsumerConfig.GROUP_ID_CONFIG, "benchmark-baseline-" + UUID.randomUUID(),
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    copyConsumerTuning), new StringDeserializer(), new ByteArrayDeserializer());
                 KafkaProducer<String, byte[]> producer = new KafkaProducer<>(with(Map.of(
                         ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                         ProducerConfig.TRANSACTIONAL_ID_CONFIG, "benchmark-baseline-" + UUID.randomUUID()),
                         copyProducerTuning), new StringSerializer(), new ByteArraySerializer())) {
                consumer.assign(List.of(in));
                if (fromEnd) {
                    consumer.seekToEnd(List.of(in));
                    consumer.position(in);
                } else {
                    consumer.seekToBeginning(List.of(in));
                }
                producer.initTransactions();
                ready.countDown();
                while (running.get()) {
                    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                    if (records.isEmpty()) {
                        continue;
                    }
                    producer.beginTransaction();
                    for (ConsumerRecord<String, byte[]> record : records) {
                        producer.send(new ProducerRecord<>(COPY_TOPIC, null, record.timestamp(), record.key(),
                                record.value()));
                    }
                    producer.sendOffsetsToTransaction(Map.of(in, new OffsetAndMetadata(consumer.position(in))),
                            consumer.groupMetadata());
                    producer.commitTransaction();
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }

        @Override
        public void close() throws InterruptedException {
            if (thread != null && thread.isAlive()) {
                stop();
            }
        }
    }

    /** A read_committed reader of one output topic that notes when each record became visible. */
    private final class OutputWatch implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        private final List<Long> visibleAt = Collections.synchronizedList(new ArrayList<>());
        private final AtomicLong count = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        OutputWatch(String topic) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    new StringDeserializer(), new ByteArrayDeserializer());
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            thread = new Thread(this::watch, "watch-" + topic);
            thread.start();
        }

        private void watch() {
            while (running.get()) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(50));
                long now = System.currentTimeMillis();
                for (ConsumerRecord<String, byte[]> record : records) {
                    latencies.add(now - record.timestamp());
                    visibleAt.add(now);
                }
                count.addAndGet(records.count());
            }
            consumer.close();
        }

        /**
         * Waits until {@code skipped + expected} records are visible; records per second from the first visible
         * after the skipped ones (the warm-up) to the last, so that neither start-up (group join, producer
         * initialisation) nor JIT compilation is counted.
         */
        Result throughput(int skipped, int expected, String processingThread) {
            awaitCount(skipped + 1);
            long first = System.nanoTime();
            long firstCount = count.get();
            long threadCpu = threadCpuNanos(processingThread);
            long jvmCpu = jvmCpuNanos();
            long compilation = compilationMillis();
            long last = awaitCount(skipped + expected);
            double records = skipped + expected - firstCount;
            return new Result(records / seconds(first, last),
                    (threadCpuNanos(processingThread) - threadCpu) / records / 1000,
                    (jvmCpuNanos() - jvmCpu) / records / 1000, compilationMillis() - compilation);
        }

        /** Waits until {@code expected} records are visible; returns that moment (System.nanoTime). */
        long awaitCount(int expected) {
            long report = System.nanoTime();
            while (count.get() < expected) {
                LockSupport.parkNanos(1_000_000);
                if (System.nanoTime() - report > 5_000_000_000L) {
                    System.out.printf("  %,d of %,d visible%n", count.get(), expected);
                    report = System.nanoTime();
                }
            }
            return System.nanoTime();
        }

        void timeline() {
            synchronized (latencies) {
                java.util.TreeMap<Long, List<Long>> perSecond = new java.util.TreeMap<>();
                long start = visibleAt.isEmpty() ? 0 : visibleAt.get(0) / 1000;
                for (int i = 0; i < latencies.size(); i++) {
                    perSecond.computeIfAbsent(visibleAt.get(i) / 1000 - start, k -> new ArrayList<>()).add(latencies.get(i));
                }
                perSecond.forEach((second, values) -> System.out.printf("  t+%ds: %d visible, latency max %d ms, min %d ms%n",
                        second, values.size(), Collections.max(values), Collections.min(values)));
            }
        }

        void reset() {
            visibleAt.clear();
            latencies.clear();
            count.set(0);
        }

        List<Long> latencies() {
            synchronized (latencies) {
                return List.copyOf(latencies);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}
