package org.rushreg.capacity.stream;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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
 *   <li>Throughput: N registrations are preloaded; the baseline copies them, then the capacity service decides
 *   them; decisions/s = N / (time from the processor's start to the last record visible to a read_committed
 *   reader).</li>
 *   <li>Latency: with the backlog gone, registrations arrive at a steady rate; latency is the time from the
 *   command's timestamp (the decision carries it) to the moment a read_committed reader sees the output.</li>
 * </ol>
 *
 * Run: {@code ./mvnw -B -pl capacity-service -Pbenchmark verify} (see the README for the knobs).
 */
public final class CapacityBenchmark {

    private static final String EVENT = "benchmark-event";
    private static final String COPY_TOPIC = "benchmark.copy";

    private final int preloaded = Integer.getInteger("benchmark.commands", 50_000);
    private final int paced = Integer.getInteger("benchmark.paced", 5_000);
    private final int rate = Integer.getInteger("benchmark.rate", 500);
    private final String brokers;
    private final AtomicLong sequence = new AtomicLong();

    private CapacityBenchmark(String brokers) {
        this.brokers = brokers;
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
        new TopicProvisioning(new TopicProvisioning.Settings(brokers, true, 1, (short) 1, null));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            admin.createTopics(List.of(new NewTopic(COPY_TOPIC, 1, (short) 1))).all().get();
        }
        System.out.printf("Preloading %,d commands for one event on one partition%n", preloaded);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(record(ConfigureEvent.of(event())));
            for (int i = 0; i < preloaded; i++) {
                producer.send(record(register()));
            }
            producer.flush();
        }
        int total = preloaded + 1;

        Result baseline;
        try (OutputWatch copies = new OutputWatch(COPY_TOPIC); CopyLoop copy = new CopyLoop()) {
            copy.start(false);
            baseline = new Result(copies.throughput(total));
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
                     java.nio.file.Files.createTempDirectory("capacity-benchmark").toString(), Map.of())) {
            streams.start();
            service = new Result(decisions.throughput(preloaded));
            decisions.reset();
            sendPaced();
            decisions.awaitCount(paced);
            service.latencies(decisions.latencies());
        }

        System.out.println();
        System.out.printf("baseline (transactional copy): %,.0f records/s; latency p50 %d ms, p99 %d ms%n",
                baseline.perSecond, baseline.p50, baseline.p99);
        System.out.printf("capacity-service (exactly_once_v2): %,.0f decisions/s (%.0f%% of baseline); "
                        + "latency p50 %d ms, p99 %d ms at %,d commands/s%n",
                service.perSecond, 100 * service.perSecond / baseline.perSecond, service.p50, service.p99, rate);
    }

    private static final class Result {
        final double perSecond;
        long p50;
        long p99;

        Result(double perSecond) {
            this.perSecond = perSecond;
        }

        void latencies(List<Long> millis) {
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            p50 = sorted.get((int) (sorted.size() * 0.50));
            p99 = sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99)));
        }
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
                producer.send(record(register()));
            }
            producer.flush();
        }
    }

    private RegisterAttendee register() {
        long n = sequence.incrementAndGet();
        return RegisterAttendee.of(EVENT, "b-" + n, new Registrant("Bench", "Mark", "b" + n + "@example.org", null),
                List.of(n % 2 == 0 ? "day-1" : "day-2"), "en");
    }

    private EventDefinition event() {
        // Half the registrations find a seat, the rest wait: both paths of the rules are exercised.
        int capacity = (preloaded + paced) / 4;
        return new EventDefinition(EVENT, "Benchmark", "CFK_13", "Fabryczna 13, Kraków", "Europe/Warsaw",
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
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                    ConsumerConfig.GROUP_ID_CONFIG, "benchmark-baseline-" + UUID.randomUUID(),
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    new StringDeserializer(), new ByteArrayDeserializer());
                 KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                         ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                         ProducerConfig.TRANSACTIONAL_ID_CONFIG, "benchmark-baseline-" + UUID.randomUUID()),
                         new StringSerializer(), new ByteArraySerializer())) {
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
                }
                count.addAndGet(records.count());
            }
            consumer.close();
        }

        /**
         * Waits until {@code expected} records are visible; records per second from the first visible to the last,
         * so that start-up (group join, producer initialisation, state restore) is not counted.
         */
        double throughput(int expected) {
            while (count.get() == 0) {
                LockSupport.parkNanos(1_000_000);
            }
            long first = System.nanoTime();
            long firstCount = count.get();
            long last = awaitCount(expected);
            return (expected - firstCount) / seconds(first, last);
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

        void reset() {
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
