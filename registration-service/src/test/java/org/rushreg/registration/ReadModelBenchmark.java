package org.rushreg.registration;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.DeliveryStatus;
import org.rushreg.messages.EventSummary;
import org.rushreg.messages.Texts;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.NotificationOutcome;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.Topics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * CPU of the read model per registration, not a test (its name keeps it out of the default run): the commands,
 * decisions and email reports of a rush go onto an embedded broker at a steady rate, and the CPU time of the
 * service's consumer threads (JMX) and of the embedded PostgreSQL's processes (/proc) is read before and after.
 * Written against the message module only, so that the same file runs on an older copy of the service:
 *
 * <pre>./mvnw -B -o -pl registration-service -am -Dtest=ReadModelBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbenchmark.registrations=20000 -Dbenchmark.rate=500 test</pre>
 *
 * Settings of the service (READ_MODEL_CONSUMERS, READ_MODEL_FETCH_MIN_BYTES, ...) are given as -D system properties.
 */
@SpringBootTest(properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "rushreg.manage-link-secret=benchmark-manage-link-secret-0123456789",
        "logging.level.org.rushreg.registration.readmodel=WARN"
})
@EmbeddedKafka(partitions = 6,
        topics = {"registration.commands", "registration.decisions", "seat.availability", "notification.outcomes"},
        brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
                "auto.create.topics.enable=true"})
class ReadModelBenchmark {

    private static final String EVENT = "kongres-2024";
    /** As the capacity service writes it into every decision: the event's summary, its name in both languages. */
    private static final EventSummary SUMMARY = new EventSummary(EVENT, "IV Kongres Polityki Miejskiej i Regionalnej",
            "Centrum Konferencyjne Fabryczna CFK_13", "ul. Fabryczna 13, 31-553 Kraków", "Europe/Warsaw",
            java.time.LocalDate.of(2024, 10, 7), java.time.LocalDate.of(2024, 10, 8), "kongres@example.org",
            new Texts("IV Kongres Polityki Miejskiej i Regionalnej", "IV Congress of Urban and Regional Policy"));
    private static final long TICKS_PER_SECOND = 100;

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private JdbcTemplate db;

    @Autowired
    private ApplicationContext context;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
    }

    @Test
    void readModelCpuPerRegistration() throws Exception {
        int warmUp = Integer.getInteger("benchmark.warm-up", 4000);
        int measured = Integer.getInteger("benchmark.registrations", 20000);
        int rate = Integer.getInteger("benchmark.rate", 500);
        boolean fromCommands = context.containsBean("readModel");
        Map<String, Object> props = KafkaTestUtils.producerProps(broker);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        var producers = new DefaultKafkaProducerFactory<>(props, new StringSerializer(), new ByteArraySerializer());
        try {
            KafkaTemplate<String, byte[]> kafka = new KafkaTemplate<>(producers);
            rush(kafka, warmUp, rate, fromCommands);
            Map<String, Double> threadsBefore = consumerThreadSeconds();
            double postgresBefore = postgresSeconds();
            long started = System.nanoTime();
            Instant window = Instant.now();
            rush(kafka, measured, rate, fromCommands);
            double wall = (System.nanoTime() - started) / 1e9;
            Map<String, Double> threadsAfter = consumerThreadSeconds();
            double postgres = postgresSeconds() - postgresBefore;

            Map<String, Double> threads = new TreeMap<>();
            threadsAfter.forEach((name, cpu) -> threads.merge(label(name),
                    cpu - threadsBefore.getOrDefault(name, 0.0), Double::sum));
            double consumers = threads.values().stream().mapToDouble(Double::doubleValue).sum();
            StringBuilder report = new StringBuilder(String.format(
                    "%nREAD MODEL BENCHMARK: %,d registrations at %,d/s (%s), %.1f s until all applied%n",
                    measured, rate, fromCommands ? "rows from commands" : "rows written before, as the request did",
                    wall));
            threads.forEach((name, cpu) -> report.append(String.format("  %-60s %7.2f s %7.3f ms/registration%n",
                    name, cpu, 1000 * cpu / measured)));
            report.append(String.format("  %-60s %7.2f s %7.3f ms/registration%n", "consumer threads, all", consumers,
                    1000 * consumers / measured));
            report.append(String.format("  %-60s %7.2f s %7.3f ms/registration%n", "PostgreSQL (all its processes)",
                    postgres, 1000 * postgres / measured));
            // From the decision's creation to the transaction that applied it (now() is the transaction's start).
            Map<String, Object> latency = db.queryForMap("""
                    select percentile_cont(0.5) within group (order by ms) as p50,
                           percentile_cont(0.99) within group (order by ms) as p99
                    from (select 1000 * extract(epoch from o.applied_at - r.decided_at) as ms
                          from outcomes o join registrations r on r.id = o.registration_id
                          where o.applied_at >= ?) applied
                    """, java.sql.Timestamp.from(window));
            report.append(String.format("  decision created -> applied in the read model: p50 %.0f ms, p99 %.0f ms%n",
                    ((Number) latency.get("p50")).doubleValue(), ((Number) latency.get("p99")).doubleValue()));
            System.out.println(report);
        } finally {
            producers.destroy();
        }
    }

    /** One registration's command, decision and email report per slot, at a steady rate; returns once all applied. */
    private void rush(KafkaTemplate<String, byte[]> kafka, int registrations, int rate, boolean fromCommands) {
        List<String> ids = new ArrayList<>(registrations);
        for (int i = 0; i < registrations; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        if (!fromCommands) {
            // The older service wrote the row and its sessions on the request path, before the command.
            db.batchUpdate("insert into registrations (id, event_id, status, first_name, last_name, email, locale) "
                    + "values (?, ?, 'PENDING', 'Anna', 'Nowak', 'anna@example.org', 'pl')", ids, 1000, (ps, id) -> {
                        ps.setString(1, id);
                        ps.setString(2, EVENT);
                    });
            db.batchUpdate("insert into registration_sessions (registration_id, session_id, position, status) "
                    + "values (?, ?, ?, 'PENDING')", sessionRows(ids), 2000, (ps, row) -> {
                        ps.setString(1, (String) row[0]);
                        ps.setString(2, (String) row[1]);
                        ps.setInt(3, (Integer) row[2]);
                    });
        }
        int before = count("select count(*) from outcomes");
        int emailsBefore = count("select count(*) from email_deliveries");
        long start = System.nanoTime();
        for (int i = 0; i < registrations; i++) {
            String id = ids.get(i);
            Instant accepted = Instant.now();
            kafka.send(Topics.REGISTRATION_COMMANDS.name(), EVENT, command(id, accepted));
            RegistrationDecided decided = decision(id, accepted, i);
            kafka.send(Topics.REGISTRATION_DECISIONS.name(), id, MessageJson.toBytes(decided));
            kafka.send(Topics.NOTIFICATION_OUTCOMES.name(), id, MessageJson.toBytes(NotificationOutcome.of(id, EVENT,
                    decided.messageId(), decided.status().name(), DeliveryStatus.SENT, null)));
            long due = start + (long) ((i + 1) * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
        kafka.flush();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() ->
                count("select count(*) from outcomes") - before >= registrations
                        && count("select count(*) from email_deliveries") - emailsBefore >= registrations
                        && (!fromCommands || count("select count(*) from registrations where terms_version is not null"
                        + " and id in ('" + ids.get(registrations - 1) + "')") == 1));
    }

    private static List<Object[]> sessionRows(List<String> ids) {
        List<Object[]> rows = new ArrayList<>();
        ids.forEach(id -> {
            rows.add(new Object[] {id, "day-1", 0});
            rows.add(new Object[] {id, "day-2", 1});
        });
        return rows;
    }

    private int count(String sql) {
        return db.queryForObject(sql, Integer.class);
    }

    /** As JSON by hand, so that this compiles against message modules from before the command carried consents. */
    private static byte[] command(String id, Instant accepted) {
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("type", "RegisterAttendee");
        command.put("messageId", Schema.newMessageId());
        command.put("createdAt", accepted.toString());
        command.put("schemaVersion", Schema.VERSION);
        command.put("eventId", EVENT);
        command.put("registrationId", id);
        command.put("registrant", Map.of("firstName", "Anna", "lastName", "Nowak", "email",
                "anna." + id.substring(0, 8) + "@example.org", "organisation", "Urząd Miasta Krakowa"));
        command.put("sessionIds", List.of("day-1", "day-2"));
        command.put("locale", "pl");
        command.put("sector", "local-government");
        command.put("consents", Map.of("termsVersion", "2024-06-01", "privacyVersion", "2024-06-01",
                "newsletter", false));
        return MessageJson.toBytes(command);
    }

    private static RegistrationDecided decision(String id, Instant accepted, int i) {
        SessionStatus status = i % 10 == 9 ? SessionStatus.WAITLISTED : SessionStatus.CONFIRMED;
        List<SessionOutcome> sessions = List.of(
                new SessionOutcome("day-1", "Dzień 1", Instant.parse("2024-10-07T07:00:00Z"),
                        Instant.parse("2024-10-07T16:00:00Z"), status, status == SessionStatus.WAITLISTED ? i : null,
                        new Texts("Dzień 1: sesja plenarna", "Day 1: plenary session")),
                new SessionOutcome("day-2", "Dzień 2", Instant.parse("2024-10-08T07:00:00Z"),
                        Instant.parse("2024-10-08T16:00:00Z"), status, status == SessionStatus.WAITLISTED ? i : null,
                        new Texts("Dzień 2: panele równoległe", "Day 2: parallel panels")));
        return new RegistrationDecided(Schema.newMessageId(), Instant.now(), Schema.VERSION, id, EVENT,
                Schema.newMessageId(), accepted,
                status == SessionStatus.WAITLISTED ? RegistrationStatus.WAITLISTED : RegistrationStatus.CONFIRMED, null,
                sessions, SUMMARY, new Recipient("Anna", "Nowak", "anna@example.org", "pl"));
    }

    /** The binder names a container thread after its destination's toString(): only the topic is kept. */
    private static String label(String threadName) {
        java.util.regex.Matcher topic = java.util.regex.Pattern.compile("consumerDestinationName='([^']+)'")
                .matcher(threadName);
        return topic.find() ? topic.group(1) + " consumer threads" : threadName.replaceAll("#\\d+$", "");
    }

    /** CPU seconds of the service's Kafka consumer threads (listener containers and their heartbeat threads). */
    private static Map<String, Double> consumerThreadSeconds() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Double> seconds = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            ThreadInfo info = threads.getThreadInfo(id);
            long cpu = threads.getThreadCpuTime(id);
            if (info == null || cpu < 0) {
                continue;
            }
            String name = info.getThreadName();
            if (name.contains("-C-") || name.startsWith("kafka-coordinator-heartbeat-thread")) {
                seconds.merge(name + "#" + id, cpu / 1e9, Double::sum);
            }
        }
        return seconds;
    }

    /** CPU seconds of the embedded PostgreSQL: its postmaster and every process it started (utime + stime). */
    private static double postgresSeconds() throws IOException {
        String port = String.valueOf(TestPostgres.instance().getPort());
        Map<Long, Long> parents = new HashMap<>();
        Map<Long, Long> ticks = new HashMap<>();
        Long postmaster = null;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.toList()) {
                String name = proc.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(name);
                    parents.put(pid, Long.parseLong(fields[1]));
                    ticks.put(pid, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                    String cmdline = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
                    if (cmdline.contains("postgres") && cmdline.contains("-p " + port)) {
                        postmaster = pid;
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while being read
                }
            }
        }
        if (postmaster == null) {
            throw new IllegalStateException("No postmaster found listening on port " + port);
        }
        long total = ticks.getOrDefault(postmaster, 0L);
        for (Map.Entry<Long, Long> process : parents.entrySet()) {
            if (postmaster.equals(process.getValue())) {
                total += ticks.getOrDefault(process.getKey(), 0L);
            }
        }
        return total / (double) TICKS_PER_SECOND;
    }
}
