package org.rushreg.localstack;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.rushreg.localstack.control.FaultControls;
import org.rushreg.localstack.inbox.Inbox;
import org.rushreg.localstack.inbox.InboxHttpServer;
import org.rushreg.localstack.kafka.DeadMembers;
import org.rushreg.localstack.kafka.KafkaBroker;
import org.rushreg.localstack.kafka.SystemTopics;
import org.rushreg.localstack.mail.SmtpServer;
import org.rushreg.localstack.organiser.OrganiserLogin;
import org.rushreg.localstack.postgres.Database;
import org.rushreg.localstack.front.Front;
import org.rushreg.localstack.front.ReadinessProbe;
import org.rushreg.localstack.services.ServiceProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system on one machine: Kafka, PostgreSQL, SMTP with an inbox, and the three services as child
 * JVMs. {@link #start()} brings it up in dependency order and returns when every service reports UP, or fails as
 * soon as a service process dies while starting, having stopped everything it started; {@link #close()} stops it in
 * reverse order. Used by {@link Main} and by the end-to-end test.
 */
public final class LocalStack implements AutoCloseable {

    public static final List<String> SERVICES = List.of("capacity-service", "registration-service", "notification-service");
    public static final String BUILD_COMMAND = "./mvnw -B -DskipTests package";
    private static final String MARKER = ".local-stack-data";

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    // generous: on a busy 2-core machine a Spring service alone can take minutes to start
    private static final Duration HEALTH_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration HEALTH_POLL = Duration.ofMillis(500);
    /** How often the front asks its instances whether they are ready: a killed one gets requests this long at most. */
    private static final Duration FRONT_PROBE_EVERY = Duration.ofMillis(500);

    /**
     * The notification-service runs at this lower CPU priority: in a rush the machine is busy, and an email may wait
     * seconds while the door and the decisions may not (decision 0047). 0 runs it like the others.
     */
    static final String NOTIFICATION_NICENESS_VARIABLE = "NOTIFICATION_SERVICE_NICENESS";
    static final int NOTIFICATION_NICENESS = 10;

    static int notificationNiceness(String value) {
        if (value == null || value.isBlank()) {
            return NOTIFICATION_NICENESS;
        }
        try {
            int niceness = Integer.parseInt(value.strip());
            if (niceness >= 0 && niceness <= 19) {
                return niceness;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, as a value out of range is
        }
        throw new IllegalArgumentException(NOTIFICATION_NICENESS_VARIABLE + " must be a niceness from 0 (the same "
                + "CPU priority as the other services) to 19 (the lowest), not '" + value + "'; unset, it is "
                + NOTIFICATION_NICENESS);
    }

    private final Settings settings;
    // Ctrl-C may come while start() is still waiting for a service; close() then runs on the shutdown-hook thread.
    private final List<AutoCloseable> started = new CopyOnWriteArrayList<>();
    /** Which copies of the services run, and on which ports: chosen when they start, on ports free then. */
    private volatile List<ServiceInstance> plan = List.of();
    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
    private Inbox inbox;
    private KafkaBroker kafka;
    private SmtpServer smtp;
    private OrganiserLogin organiserLogin;
    private Duration startupTime;
    private volatile boolean closed;

    public LocalStack(Settings settings) {
        this.settings = settings;
    }

    /** A service jar is not there: the message says which and the command that builds it. */
    public static final class JarMissingException extends IllegalStateException {
        JarMissingException(String message) {
            super(message);
        }
    }

    public Path jar(String service) {
        return settings.root().resolve(service).resolve("target").resolve(service + ".jar");
    }

    /** Checked before anything starts, so a missing build fails in a second with the fix, not after Kafka is up. */
    public void checkJars() {
        List<String> missing = SERVICES.stream().filter(s -> !Files.isRegularFile(jar(s)))
                .map(s -> "  " + jar(s)).toList();
        if (!missing.isEmpty()) {
            throw new JarMissingException("Service jar(s) missing:\n" + String.join("\n", missing)
                    + "\nBuild them from the repository root (" + settings.root() + ") with:\n  " + BUILD_COMMAND);
        }
    }

    /** A taken port is said plainly, with the flag that moves it, instead of as a bind error deep in Kafka. */
    private void checkPortsFree() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("--kafka-port", settings.kafkaPort());
        ports.put("--kafka-controller-port", settings.kafkaControllerPort());
        ports.put("--postgres-port", settings.postgresPort());
        ports.put("--smtp-port", settings.smtpPort());
        ports.put("--inbox-port", settings.inboxPort());
        List<String> taken = new ArrayList<>();
        ports.forEach((flag, port) -> {
            if (!Ports.isFree(port)) {
                taken.add("port " + port + " is in use (another local stack? choose another with " + flag + ")");
            }
        });
        if (!taken.isEmpty()) {
            throw new IllegalStateException(String.join("\n", taken));
        }
    }

    /** Wipes only a folder this stack made (it holds the marker file), so a mistyped --data-dir cannot erase a home folder. */
    private void wipeDataDir() throws IOException {
        Path dir = settings.dataDir();
        if (!Files.exists(dir)) {
            return;
        }
        boolean empty;
        try (var entries = Files.list(dir)) {
            empty = entries.findAny().isEmpty();
        }
        if (!empty && !Files.exists(dir.resolve(MARKER))) {
            throw new IllegalStateException("--fresh would delete " + dir + ", which is not a local-stack data folder (no "
                    + MARKER + " in it); delete it yourself or choose another --data-dir");
        }
        deleteRecursively(dir);
    }

    /**
     * Starts everything, or stops what it started and throws: a service that dies while starting is a
     * {@link ServiceProcess.ExitedWhileStarting}, naming it and its log.
     */
    public void start() throws Exception {
        try {
            startAll();
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        long began = System.nanoTime();
        if (settings.withServices()) {
            checkJars();
        }
        checkPortsFree();
        if (settings.fresh()) {
            wipeDataDir();
        }
        Files.createDirectories(settings.dataDir());
        Files.writeString(settings.dataDir().resolve(MARKER), "Data of the local stack (Kafka, PostgreSQL, mail, logs). "
                + "--fresh deletes this folder.\n");
        log.info("Data folder {}", settings.dataDir());

        // PostgreSQL and Kafka do not need each other; starting them side by side saves seconds on every start.
        ExecutorService parallel = Executors.newFixedThreadPool(2);
        try {
            Database database = new Database(settings.dataDir().resolve("postgres"), settings.postgresPort());
            // The services' setting if the stack was given one (tests), else this process's: broker, topics and the
            // capacity-service's changelogs all forget within it.
            Duration topicRetention = SystemTopics.retention(settings.serviceEnv().getOrDefault(
                    SystemTopics.RETENTION_VARIABLE, System.getenv(SystemTopics.RETENTION_VARIABLE)));
            kafka = new KafkaBroker(settings.dataDir().resolve("kafka"), settings.kafkaPort(),
                    settings.kafkaControllerPort(), topicRetention);
            started.add(database);
            started.add(kafka);
            Future<?> db = parallel.submit(() -> {
                database.start();
                return null;
            });
            Future<?> broker = parallel.submit(() -> {
                kafka.start();
                SystemTopics.createMissing(kafka.bootstrapServers(), topicRetention);
                return null;
            });
            db.get();
            broker.get();
        } finally {
            parallel.shutdown();
        }

        inbox = new Inbox(settings.dataDir().resolve("mail"));
        smtp = new SmtpServer(settings.smtpPort(), inbox::receive);
        started.add(smtp);
        smtp.start();
        InboxHttpServer inboxServer = new InboxHttpServer(inbox, settings.inboxPort(), FaultControls.of(smtp, kafka));
        started.add(inboxServer);
        inboxServer.start();

        if (settings.withServices()) {
            startServices();
        }
        startupTime = Duration.ofNanos(System.nanoTime() - began);
    }

    private void startServices() throws Exception {
        String secret = KeptSecret.readOrCreate(settings.dataDir().resolve("manage-link-secret"), 32);
        organiserLogin = OrganiserLogin.forDataDir(settings.dataDir(), System.getenv());
        Map<String, String> common = new HashMap<>(settings.serviceEnv());
        common.put("KAFKA_BOOTSTRAP_SERVERS", settings.kafkaBootstrapServers());
        common.put("MANAGE_LINK_SECRET", secret);
        // kept with the data: the capacity state's digests are compared with new ones after every restart
        common.put("EMAIL_DIGEST_KEY", KeptSecret.readOrCreate(settings.dataDir().resolve("email-digest-key"), 32));
        common.put("TICKET_SIGNING_KEY", KeptSecret.ticketSigningKey(settings.dataDir().resolve("ticket-signing-key")));
        common.put("DATABASE_USERNAME", Database.USERNAME);
        common.put("DATABASE_PASSWORD", Database.PASSWORD);

        Map<String, String> registration = new HashMap<>(common);
        registration.put("DATABASE_URL", settings.jdbcUrl("registration"));
        registration.putAll(organiserLogin.serviceEnv());
        if (settings.instances() > 1) {
            // behind the front: the rate limit and the login throttle take the client from X-Forwarded-For
            registration.put("FORWARD_HEADERS_STRATEGY", "native");
        }

        int emailNiceness = notificationNiceness(System.getenv(NOTIFICATION_NICENESS_VARIABLE));
        Map<String, String> notification = new HashMap<>(common);
        notification.put("DATABASE_URL", settings.jdbcUrl("notification"));
        notification.put("MAIL_HOST", "localhost");
        notification.put("MAIL_PORT", String.valueOf(settings.smtpPort()));
        notification.put("PUBLIC_URL", settings.registrationUrl());

        plan = ServiceInstance.plan(settings, Ports::isFree);
        // All at once: each waits for Kafka itself, and starting them in turn would multiply the wait.
        for (ServiceInstance instance : plan) {
            if (closed) {
                throw new IllegalStateException("stopped while starting");
            }
            Map<String, String> env = switch (instance.service()) {
                case "registration-service" -> registration;
                case "notification-service" -> notification;
                default -> capacityEnv(common, instance);
            };
            ServiceProcess service = new ServiceProcess(instance.name(), jar(instance.service()), instance.port(),
                    instance.managementPort(), env, settings.dataDir());
            if (instance.service().equals("capacity-service") && settings.instances() > 1) {
                // Another instance holds a standby of its state: let it take over now, not after the session timeout.
                String bootstrap = settings.kafkaBootstrapServers();
                service.whenItDies(() -> DeadMembers.remove(bootstrap, "capacity-service", capacityInstanceId(instance)));
            }
            if (instance.service().equals("notification-service")) {
                service.yieldCpuBy(emailNiceness);
            }
            services.add(service);
            service.start();
        }
        if (settings.instances() > 1) {
            List<ServiceInstance> registrations = plan.stream()
                    .filter(i -> i.service().equals("registration-service")).toList();
            List<Integer> ports = registrations.stream().map(ServiceInstance::port).toList();
            ReadinessProbe readiness = new ReadinessProbe(ports, FRONT_PROBE_EVERY);
            started.add(readiness);
            Front front = new Front(settings.registrationPort(), ports, readiness::ready);
            started.add(front);
            front.start();
        }
        awaitAllHealthy();
        services.forEach(ServiceProcess::restartWhenItDies);
    }

    /** Every service UP; a service that dies meanwhile ends the wait at once instead of at the timeout. */
    private void awaitAllHealthy() throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + HEALTH_TIMEOUT.toNanos();
        List<ServiceProcess> waiting = new ArrayList<>(services);
        while (true) {
            services.forEach(ServiceProcess::checkNotExitedWhileStarting);
            if (closed) {
                throw new IllegalStateException("stopped while starting");
            }
            waiting.removeIf(service -> {
                boolean up = service.isHealthy();
                if (up) {
                    log.info("{} is UP", service.name());
                }
                return up;
            });
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(waiting.stream().map(s -> s.name() + " (" + s.healthUrl() + ", log " + s.logFile() + ")")
                        .collect(Collectors.joining(", ", "not healthy within " + HEALTH_TIMEOUT.toSeconds() + " s: ", "")));
            }
            Thread.sleep(HEALTH_POLL.toMillis());
        }
    }

    private Map<String, String> capacityEnv(Map<String, String> common, ServiceInstance instance) {
        Map<String, String> capacity = new HashMap<>(common);
        capacity.put("CAPACITY_STATE_DIR", settings.dataDir()
                .resolve(settings.instances() == 1 ? "capacity-state" : "capacity-state-" + instance.index()).toString());
        // a static group member: restarted after a crash, it takes its partitions back at once
        capacity.put("CAPACITY_INSTANCE_ID", capacityInstanceId(instance));
        if (settings.instances() > 1) {
            // a copy of each partition's state on another instance, which takes over when one does not come back
            capacity.put("CAPACITY_STANDBY_REPLICAS", "1");
        }
        return capacity;
    }

    private static String capacityInstanceId(ServiceInstance instance) {
        return "capacity-service-" + instance.index();
    }

    public boolean isClosed() {
        return closed;
    }

    public Settings settings() {
        return settings;
    }

    /** The organiser account the services were given; null with {@code --infra-only}. */
    public OrganiserLogin organiserLogin() {
        return organiserLogin;
    }

    public Inbox inbox() {
        return inbox;
    }

    /** The copies of the services and their ports, once {@link #start()} has launched them (empty before). */
    public List<ServiceInstance> instances() {
        return plan;
    }

    public Duration startupTime() {
        return startupTime;
    }

    public String summary() {
        StringBuilder text = new StringBuilder("\n");
        if (settings.withServices()) {
            text.append("  Registration   ").append(settings.registrationUrl()).append('\n');
            if (settings.instances() > 1) {
                text.append("  Instances      ");
                plan.forEach(i -> text.append(i.name()).append(" :").append(i.port())
                        .append(" (").append(i.managementPort()).append(")  "));
                text.append("\n                 (the front on ").append(settings.registrationPort())
                        .append(" spreads requests over the registration-service instances; /actuator/* on the ports in brackets)\n");
            }
            text.append("  API            ").append(settings.registrationUrl()).append("/api/events\n");
            if (settings.instances() == 1) {
                Settings.ManagementPorts operators = settings.managementPorts();
                text.append("  Health         http://localhost:").append(operators.registration()).append("/actuator/health")
                        .append(" (capacity ").append(operators.capacity()).append(", notification ")
                        .append(operators.notification()).append("; metrics: /actuator/prometheus on the same ports)\n");
            }
            text.append("  ").append(organiserLogin.banner(settings.registrationUrl())).append('\n');
        }
        text.append("  Inbox          ").append(settings.inboxUrl()).append("   (JSON: ").append(settings.inboxUrl()).append("/api/messages)\n");
        text.append("  SMTP           localhost:").append(settings.smtpPort()).append('\n');
        text.append("  Kafka          ").append(settings.kafkaBootstrapServers()).append('\n');
        text.append("  PostgreSQL     ").append(settings.jdbcUrl("registration")).append("   (user postgres, no password)\n");
        text.append("  Data           ").append(settings.dataDir()).append("   (logs in ").append(settings.dataDir().resolve("logs")).append(")\n\n");
        text.append("Local stack ready in ").append(startupTime.toSeconds()).append(" s. Press Ctrl-C to stop.\n");
        return text.toString();
    }

    /** Services first, while Kafka and PostgreSQL are still there for their graceful shutdown; then the rest. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (started.isEmpty() && services.isEmpty()) {
            return;
        }
        log.info("Stopping the local stack");
        services.parallelStream().forEach(ServiceProcess::close);
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                log.warn("{} did not stop cleanly", started.get(i).getClass().getSimpleName(), e);
            }
        }
        log.info("Local stack stopped");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
