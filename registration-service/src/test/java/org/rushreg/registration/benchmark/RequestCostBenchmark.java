package org.rushreg.registration.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.Topics;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * CPU per public registration request ({@code POST /api/events/{eventId}/registrations} with an
 * {@code Idempotency-Key}) of the registration-service as a process: starts a Kafka broker (6 partitions, the topics
 * of {@link Topics}) and PostgreSQL, runs the service's jar beside them (java -jar with the local stack's JVM options
 * {@code -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}, rate limit off as in the load test), warms it with
 * {@code benchmark.warmup} posts, then reads the service's CPU time from /proc before and after
 * {@code benchmark.requests} posts from {@code benchmark.clients} concurrent clients (distinct emails and keys) and
 * prints CPU ms per request (the whole process, the threads that serve requests, and the busiest threads) and the
 * latency percentiles. The process figure includes the read model writing each registration from its command
 * (the run waits until it has them all); nothing decides them (no capacity-service).
 *
 * <p>Not part of the tests (its name matches no test pattern): run with
 * {@code ./mvnw -B -o -pl registration-service -am -Pbenchmark verify}. System properties:
 * {@code benchmark.jars} (comma-separated jars, default the one just built; with several, the runs alternate between
 * them, {@code benchmark.rounds} times, against the same broker and database; {@code path|NAME=value;NAME=value}
 * gives one run its own environment, e.g. {@code a.jar,a.jar|SPRING_THREADS_VIRTUAL_ENABLED=false}), {@code benchmark.warmup} (3000),
 * {@code benchmark.requests} (20000), {@code benchmark.clients} (64), {@code benchmark.java} (the JVM of the service,
 * default Temurin 25), {@code benchmark.jvmArgs} (e.g. a JFR recording) and {@code benchmark.env} (extra environment,
 * {@code NAME=value,NAME=value}). Each result is appended to {@code target/request-cost.txt}.
 */
class RequestCostBenchmark {

    private static final long TICKS_PER_SECOND = 100;
    private static final String EVENT = "kongres-2024";
    private static final String JAVA = System.getProperty("benchmark.java",
            "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    @Test
    void cpuPerRegistrationRequest() throws Exception {
        List<String> jars = Arrays.stream(System.getProperty("benchmark.jars", "target/registration-service.jar")
                .split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        int rounds = Integer.getInteger("benchmark.rounds", 1);
        int warmup = Integer.getInteger("benchmark.warmup", 3_000);
        int requests = Integer.getInteger("benchmark.requests", 20_000);
        int clients = Integer.getInteger("benchmark.clients", 64);
        String jvmArgs = System.getProperty("benchmark.jvmArgs", "");
        String extraEnv = System.getProperty("benchmark.env", "");

        // The broker's and the database's chatter would bury the figures.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        List<String> topics = new ArrayList<>();
        for (var topic : Topics.ALL) {
            topics.add(topic.name());
            topics.add(topic.deadLetterName());
        }
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 6, topics.toArray(String[]::new));
        kafka.brokerProperties(Map.of("transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1"));
        kafka.afterPropertiesSet();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();

        Map<String, String> env = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.getBrokersAsString(),
                "DATABASE_URL", postgres.getJdbcUrl("postgres", "postgres"),
                "DATABASE_USERNAME", "postgres",
                "MANAGE_LINK_SECRET", "benchmark-secret-0123456789",
                "RATE_LIMIT_PER_CLIENT", "0"));
        for (String pair : extraEnv.split(",")) {
            if (pair.contains("=")) {
                env.put(pair.substring(0, pair.indexOf('=')).strip(), pair.substring(pair.indexOf('=') + 1).strip());
            }
        }
        List<String> jvm = jvmArgs.isBlank() ? List.of() : List.of(jvmArgs.strip().split("\\s+"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        int sent = 0;
        try {
            for (int round = 1; round <= rounds; round++) {
                for (String spec : jars) {
                    // "path|NAME=value;NAME=value": this run's own settings on top of benchmark.env
                    Path jar = Path.of(spec.contains("|") ? spec.substring(0, spec.indexOf('|')) : spec);
                    Map<String, String> runEnv = new HashMap<>(env);
                    if (spec.contains("|")) {
                        for (String pair : spec.substring(spec.indexOf('|') + 1).split(";")) {
                            if (pair.contains("=")) {
                                runEnv.put(pair.substring(0, pair.indexOf('=')).strip(),
                                        pair.substring(pair.indexOf('=') + 1).strip());
                            }
                        }
                    }
                    try (Service service = Service.start(jar, jvm, runEnv)) {
                        System.out.printf("round %d, %s: service log %s%n", round, jar, service.log);
                        Run warm = rush(http, pool, service.port, sent, warmup, clients);
                        sent += warmup;
                        awaitReadModel(postgres.getPostgresDatabase(), sent);
                        Thread.sleep(2_000);
                        Snapshot before = Snapshot.of(service.pid());
                        Run run = rush(http, pool, service.port, sent, requests, clients);
                        sent += requests;
                        awaitReadModel(postgres.getPostgresDatabase(), sent);
                        Snapshot after = Snapshot.of(service.pid());
                        report(round, jar, runEnv, jvm, clients, warm, run, before, after);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
            postgres.close();
            kafka.destroy();
        }
    }

    private record Run(int requests, Duration took, long[] latenciesNanos, Map<Integer, Integer> statuses) {

        double percentileMs(double p) {
            int index = (int) Math.min(latenciesNanos.length - 1, Math.ceil(p * latenciesNanos.length) - 1);
            return latenciesNanos[Math.max(0, index)] / 1e6;
        }
    }

    /** {@code count} registration posts from {@code clients} concurrent clients, each with its own email and key. */
    private static Run rush(HttpClient http, ExecutorService pool, int port, int first, int count, int clients)
            throws Exception {
        URI uri = URI.create("http://localhost:" + port + "/api/events/" + EVENT + "/registrations");
        AtomicInteger next = new AtomicInteger();
        long[] latencies = new long[count];
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        Instant start = Instant.now();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    int n = first + i;
                    HttpRequest request = HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", "bench-" + n)
                            .POST(HttpRequest.BodyPublishers.ofString(body(n)))
                            .build();
                    long began = System.nanoTime();
                    int status;
                    try {
                        status = http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
                    } catch (IOException e) {
                        status = 0;
                    }
                    latencies[i] = System.nanoTime() - began;
                    statuses.merge(status, 1, Integer::sum);
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        Duration took = Duration.between(start, Instant.now());
        Arrays.sort(latencies);
        if (statuses.keySet().stream().anyMatch(s -> s != 202)) {
            throw new IllegalStateException("Not every request was accepted: " + statuses);
        }
        return new Run(count, took, latencies, statuses);
    }

    private static String body(int n) {
        return "{\"firstName\":\"Anna\",\"lastName\":\"Nowak-" + n + "\",\"email\":\"anna.nowak." + n
                + "@example.org\",\"organisation\":\"Urząd Miasta Krakowa\",\"sector\":\"local-government\","
                + "\"sessionIds\":[\"day-1\",\"walk-revitalisation\"],\"locale\":\"pl\","
                + "\"consents\":{\"terms\":true,\"privacy\":true,\"newsletter\":false}}";
    }

    /** Waits until the read model has written the registrations of every accepted command. */
    private static void awaitReadModel(DataSource database, int expected) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (true) {
            try (Connection connection = database.getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select count(*) from registrations")) {
                rows.next();
                if (rows.getLong(1) >= expected) {
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("The read model has " + rows.getLong(1) + " of " + expected
                            + " registrations");
                }
            } catch (java.sql.SQLException notYet) {
                // the table is created by the service's migration
            }
            Thread.sleep(200);
        }
    }

    private static void report(int round, Path jar, Map<String, String> env, List<String> jvm, int clients, Run warm,
                               Run run, Snapshot before, Snapshot after) throws IOException {
        Map<String, Long> byThread = new HashMap<>();
        after.byThread.forEach((name, ticks) -> byThread.merge(name, ticks - before.byThread.getOrDefault(name, 0L),
                Long::sum));
        long requestThreads = byThread.entrySet().stream().filter(e -> servesRequests(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        double perRequest = 1000.0 / TICKS_PER_SECOND / run.requests;
        StringBuilder out = new StringBuilder(String.format(
                "%n=== round %d: %s%s%s; %,d clients; warm-up %,d in %.1f s%n"
                        + "%,d requests in %.1f s (%.0f/s), all 202; latency p50 %.1f ms, p90 %.1f, p99 %.1f, max %.1f%n"
                        + "  process CPU           %7.3f ms per request%n"
                        + "  request threads       %7.3f ms per request (Tomcat, virtual-thread carriers)%n",
                round, jar, jvm.isEmpty() ? "" : " " + jvm, extra(env), clients, warm.requests,
                warm.took.toMillis() / 1000.0, run.requests, run.took.toMillis() / 1000.0,
                run.requests * 1000.0 / run.took.toMillis(), run.percentileMs(0.5), run.percentileMs(0.9),
                run.percentileMs(0.99), run.percentileMs(1.0), (after.total - before.total) * perRequest,
                requestThreads * perRequest));
        byThread.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(10)
                .forEach(e -> out.append(String.format("    %-18s %7.3f ms per request%n", e.getKey(),
                        e.getValue() * perRequest)));
        System.out.print(out);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "request-cost.txt"), out, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static String extra(Map<String, String> env) {
        StringBuilder settings = new StringBuilder();
        env.forEach((name, value) -> {
            if (!List.of("KAFKA_BOOTSTRAP_SERVERS", "DATABASE_URL", "DATABASE_USERNAME", "MANAGE_LINK_SECRET",
                    "RATE_LIMIT_PER_CLIENT").contains(name)) {
                settings.append(' ').append(name).append('=').append(value);
            }
        });
        return settings.toString();
    }

    /** Tomcat's workers and acceptor/poller, and the carriers of the virtual threads requests run on. */
    private static boolean servesRequests(String thread) {
        return thread.startsWith("http-nio") || thread.startsWith("ForkJoinPool") || thread.startsWith("tomcat");
    }

    /** CPU ticks of a process and of its threads, by thread name with digits folded (http-nio-8080-exec-3 → #). */
    private record Snapshot(long total, Map<String, Long> byThread) {

        static Snapshot of(long pid) throws IOException {
            long total = ticks(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
            Map<String, Long> byThread = new HashMap<>();
            try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
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

    /** The service's jar as a process of its own, so that its CPU time is its alone. */
    private static final class Service implements AutoCloseable {

        private final Process process;
        private final int port;
        private final Path log;

        private Service(Process process, int port, Path log) {
            this.process = process;
            this.port = port;
            this.log = log;
        }

        static Service start(Path jar, List<String> jvmArgs, Map<String, String> env) throws Exception {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(JAVA, "-Xmx512m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1"));
            command.addAll(jvmArgs);
            command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(env);
            builder.environment().put("SERVER_PORT", String.valueOf(port));
            builder.environment().put("MANAGEMENT_PORT", String.valueOf(freePort()));
            Path log = Files.createTempFile("registration-service-", ".log");
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            Service service = new Service(builder.start(), port, log);
            service.awaitReady();
            return service;
        }

        long pid() {
            return process.pid();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }

        private void awaitReady() throws Exception {
            HttpClient http = HttpClient.newHttpClient();
            Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The service exited with " + process.exitValue() + ", see " + log);
                }
                try {
                    // /readyz; a jar from before the operators' port (compared against) has /actuator/health instead
                    for (String path : new String[] {"/readyz", "/actuator/health"}) {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + port + path)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200) {
                            return;
                        }
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(500);
            }
            throw new IllegalStateException("The service did not become ready, see " + log);
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }
}
