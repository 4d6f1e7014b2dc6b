package org.rushreg.notification.benchmark;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RejectionReason;
import org.rushreg.messages.Topics;
import org.rushreg.notification.SampleDecisions;
import org.rushreg.notification.ServiceJar;
import org.rushreg.notification.TestKafka;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * CPU per email of the notification-service as a process: starts a Kafka broker (6 partitions), PostgreSQL and
 * GreenMail, runs the service's jar beside them ({@link ServiceJar}), lets it email a warm-up, then reads the
 * service's CPU time from /proc before and after it emails the measured decisions and prints CPU ms per email,
 * overall and by thread. The decisions are published at once (a backlog, as after a rush) or, with
 * {@code benchmark.rate}, at that many per second in transactions every 100 ms (as the capacity service commits
 * during a rush). Not part of the tests (its name matches no test pattern): run with
 * {@code ./mvnw -B -o -pl notification-service -am -Pbenchmark verify}; system properties {@code benchmark.jar}
 * (another build of the service, e.g. an older one, to compare), {@code benchmark.warmup}, {@code benchmark.emails},
 * {@code benchmark.rate}, {@code benchmark.java}, {@code benchmark.jvmArgs} (e.g. a JFR recording) and
 * {@code benchmark.env} (extra environment, {@code NAME=value,NAME=value}).
 */
class EmailCostBenchmark {

    private static final long TICKS_PER_SECOND = 100;

    @Test
    void cpuPerEmail() throws Exception {
        Path jar = Path.of(System.getProperty("benchmark.jar", "target/notification-service.jar"));
        int warmup = Integer.getInteger("benchmark.warmup", 2_000);
        int emails = Integer.getInteger("benchmark.emails", 5_000);
        int rate = Integer.getInteger("benchmark.rate", 0);
        String jvmArgs = System.getProperty("benchmark.jvmArgs", "");
        String extraEnv = System.getProperty("benchmark.env", "");

        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 6, Topics.REGISTRATION_DECISIONS.name(),
                Topics.NOTIFICATION_OUTCOMES.name(), Topics.REGISTRATION_DECISIONS.deadLetterName());
        kafka.brokerProperties(Map.of("transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1"));
        kafka.afterPropertiesSet();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        int smtpPort = ServiceJar.freePort();
        GreenMail inbox = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        inbox.start();

        Map<String, String> env = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.getBrokersAsString(),
                "DATABASE_URL", postgres.getJdbcUrl("postgres", "postgres"),
                "DATABASE_USERNAME", "postgres",
                "MAIL_HOST", "127.0.0.1",
                "MAIL_PORT", String.valueOf(smtpPort),
                "MANAGE_LINK_SECRET", "benchmark-secret-0123456789"));
        for (String pair : extraEnv.split(",")) {
            if (pair.contains("=")) {
                env.put(pair.substring(0, pair.indexOf('=')).strip(), pair.substring(pair.indexOf('=') + 1).strip());
            }
        }
        List<String> jvm = jvmArgs.isBlank() ? List.of() : List.of(jvmArgs.strip().split("\\s+"));
        try (TestKafka decisions = new TestKafka(kafka.getBrokersAsString());
             ServiceJar service = ServiceJar.start(jar, jvm, env)) {
            System.out.printf("service log: %s%n", service.log());
            send(decisions, inbox, warmup, 0, 0);
            Snapshot before = Snapshot.of(service.pid());
            Instant start = Instant.now();
            send(decisions, inbox, emails, warmup, rate);
            Duration took = Duration.between(start, Instant.now());
            Snapshot after = Snapshot.of(service.pid());
            report(jar, env, rate, emails, took, before, after);
        } finally {
            inbox.stop();
            postgres.close();
            kafka.destroy();
        }
    }

    /** Publishes {@code count} first decisions (a realistic mix) and waits until the inbox holds all of them. */
    private static void send(TestKafka kafka, GreenMail inbox, int count, int alreadyThere, int rate)
            throws Exception {
        int perTransaction = rate > 0 ? Math.max(1, rate / 10) : 500;
        List<RegistrationDecided> batch = new ArrayList<>();
        Instant next = Instant.now();
        for (int i = 0; i < count; i++) {
            String address = "bench-" + (alreadyThere + i) + "@example.org";
            String locale = i % 3 == 0 ? "en" : "pl";
            batch.add(switch (i % 10) {
                case 8 -> SampleDecisions.waitlisted(address, locale);
                case 9 -> SampleDecisions.rejected(address, locale, RejectionReason.FULL);
                default -> SampleDecisions.confirmed(address, locale, SampleDecisions.DAY_1, SampleDecisions.WALK);
            });
            if (batch.size() == perTransaction || i == count - 1) {
                if (rate > 0) {
                    Duration wait = Duration.between(Instant.now(), next);
                    if (!wait.isNegative()) {
                        Thread.sleep(wait.toMillis());
                    }
                    next = next.plusMillis(100);
                }
                kafka.publish(batch);
                batch.clear();
            }
        }
        int expected = alreadyThere + count;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
        while (inbox.getReceivedMessages().length < expected) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Only " + inbox.getReceivedMessages().length + " of " + expected
                        + " emails arrived");
            }
            Thread.sleep(500);
        }
    }

    private static void report(Path jar, Map<String, String> env, int rate, int emails, Duration took,
                               Snapshot before, Snapshot after) throws IOException {
        StringBuilder out = new StringBuilder();
        double cpuMs = (after.total - before.total) * 1000.0 / TICKS_PER_SECOND;
        out.append(String.format("%n=== %s, %s, %s%n%,d emails in %.1f s (%.0f/s); service CPU %.1f s = %.2f ms per "
                        + "email%n", jar, rate > 0 ? rate + " decisions/s" : "backlog",
                env.getOrDefault("NOTIFICATION_CONCURRENCY", "default concurrency"), emails,
                took.toMillis() / 1000.0, emails * 1000.0 / took.toMillis(), cpuMs / 1000, cpuMs / emails));
        Map<String, Long> byThread = new HashMap<>();
        after.byThread.forEach((name, ticks) -> byThread.merge(name, ticks - before.byThread.getOrDefault(name, 0L),
                Long::sum));
        byThread.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(8)
                .forEach(e -> out.append(String.format("  %-16s %7.3f ms per email%n", e.getKey(),
                        e.getValue() * 1000.0 / TICKS_PER_SECOND / emails)));
        System.out.print(out);
        Files.writeString(Path.of("target", "email-cost.txt"), out, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** CPU ticks of a process and of its threads, by thread name with digits folded (pool-1-thread-3 → pool-#). */
    private record Snapshot(long total, Map<String, Long> byThread) {

        static Snapshot of(long pid) throws IOException {
            long total = ticks(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
            Map<String, Long> byThread = new HashMap<>();
            try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                                .replaceAll("\\d+", "#");
                        byThread.merge(name, ticks(stat), Long::sum);
                    } catch (IOException gone) {
                        // the thread ended between the listing and the read
                    }
                }
            }
            return new Snapshot(total, byThread);
        }

        private static long ticks(String stat) {
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
    }
}
