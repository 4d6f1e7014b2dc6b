package org.rushreg.localstack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the local stack can be told: where the service jars and the data live, and every port.
 *
 * @param root             the repository root; the service jars are at {@code <root>/<service>/target/<service>.jar}
 * @param dataDir          Kafka logs, PostgreSQL data, mail, service logs and state; kept between runs
 * @param fresh            wipe {@code dataDir} before starting
 * @param withServices     false starts only Kafka, PostgreSQL and the mail inbox (to run a service from an IDE)
 * @param managementPorts  the services' operators' ports (/actuator/*: health with its parts, metrics), by service
 * @param serviceEnv       extra environment for every service (e.g. {@code CATALOGUE_SEED} in tests)
 * @param instances        how many of each service run (1 to {@value #MAX_INSTANCES}); with more than one, a front
 *                         on {@code registrationPort} spreads requests over the registration instances
 *                         ({@link ServiceInstance#plan})
 */
public record Settings(Path root, Path dataDir, boolean fresh, boolean withServices,
                       int kafkaPort, int kafkaControllerPort, int postgresPort, int smtpPort, int inboxPort,
                       int registrationPort, int capacityPort, int notificationPort,
                       ManagementPorts managementPorts, Map<String, String> serviceEnv, int instances) {

    /** Two cores are the machine this is made for; the port plan has room for four of each. */
    public static final int MAX_INSTANCES = 4;

    /** Where each service answers /actuator/*; never its public port. */
    public record ManagementPorts(int registration, int capacity, int notification) {

        /** The services' own defaults (MANAGEMENT_PORT in each application.yml). */
        public static ManagementPorts defaults() {
            return new ManagementPorts(9080, 9081, 9082);
        }

        public int of(String service) {
            return switch (service) {
                case "registration-service" -> registration;
                case "capacity-service" -> capacity;
                case "notification-service" -> notification;
                default -> throw new IllegalArgumentException("no service " + service);
            };
        }
    }

    public Settings {
        root = root.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
        serviceEnv = Map.copyOf(serviceEnv);
        if (instances < 1 || instances > MAX_INSTANCES) {
            throw new IllegalArgumentException("--instances must be 1 to " + MAX_INSTANCES + ", not " + instances);
        }
    }

    /** The ports of the contract (docs/service-contract.md), data in {@code ./data}, run from the repository root. */
    public static Settings defaults() {
        return new Settings(Path.of("."), Path.of("data"), false, true,
                9092, 9093, 5432, 2525, 8025, 8080, 8081, 8082, ManagementPorts.defaults(), Map.of(), 1);
    }

    /**
     * Free random ports for everything ({@link Ports#free}: below the ephemeral range), so that a test can run beside
     * a developer's own stack.
     */
    public static Settings onFreePorts(Path root, Path dataDir) {
        return new Settings(root, dataDir, false, true,
                freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort(),
                new ManagementPorts(freePort(), freePort(), freePort()), Map.of(), 1);
    }

    public Settings withServiceEnv(Map<String, String> env) {
        return new Settings(root, dataDir, fresh, withServices, kafkaPort, kafkaControllerPort, postgresPort,
                smtpPort, inboxPort, registrationPort, capacityPort, notificationPort, managementPorts, env, instances);
    }

    public Settings withInstances(int count) {
        return new Settings(root, dataDir, fresh, withServices, kafkaPort, kafkaControllerPort, postgresPort,
                smtpPort, inboxPort, registrationPort, capacityPort, notificationPort, managementPorts, serviceEnv, count);
    }

    /** The public port of a service (of its first copy; with several registration copies, the front's). */
    public int publicPort(String service) {
        return switch (service) {
            case "registration-service" -> registrationPort;
            case "capacity-service" -> capacityPort;
            case "notification-service" -> notificationPort;
            default -> throw new IllegalArgumentException("no service " + service);
        };
    }

    public String kafkaBootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgresPort + "/" + database;
    }

    public String registrationUrl() {
        return "http://localhost:" + registrationPort;
    }

    public String inboxUrl() {
        return "http://localhost:" + inboxPort;
    }

    /** Command-line flags, one per setting; unknown flags are an error rather than silently ignored. */
    public static Settings parse(String... args) {
        Map<String, String> values = new HashMap<>();
        boolean fresh = false;
        boolean withServices = true;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--fresh")) {
                fresh = true;
            } else if (arg.equals("--infra-only")) {
                withServices = false;
            } else if (arg.startsWith("--") && FLAGS.containsKey(arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg)) {
                if (arg.contains("=")) {
                    values.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
                } else if (i + 1 < args.length) {
                    values.put(arg, args[++i]);
                } else {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
            } else {
                throw new IllegalArgumentException("unknown option " + arg + " (see --help)");
            }
        }
        Settings d = defaults();
        return new Settings(
                Path.of(values.getOrDefault("--root", d.root().toString())),
                Path.of(values.getOrDefault("--data-dir", "data")),
                fresh, withServices,
                port(values, "--kafka-port", d.kafkaPort()),
                port(values, "--kafka-controller-port", d.kafkaControllerPort()),
                port(values, "--postgres-port", d.postgresPort()),
                port(values, "--smtp-port", d.smtpPort()),
                port(values, "--inbox-port", d.inboxPort()),
                port(values, "--registration-port", d.registrationPort()),
                port(values, "--capacity-port", d.capacityPort()),
                port(values, "--notification-port", d.notificationPort()),
                new ManagementPorts(
                        port(values, "--registration-management-port", d.managementPorts().registration()),
                        port(values, "--capacity-management-port", d.managementPorts().capacity()),
                        port(values, "--notification-management-port", d.managementPorts().notification())),
                Map.of(),
                count(values.getOrDefault("--instances", "1")));
    }

    private static final Map<String, String> FLAGS = new LinkedHashMap<>();

    static {
        FLAGS.put("--data-dir", "data folder, kept between runs (default ./data)");
        FLAGS.put("--root", "repository root holding <service>/target/<service>.jar (default .)");
        FLAGS.put("--kafka-port", "Kafka PLAINTEXT listener (default 9092)");
        FLAGS.put("--kafka-controller-port", "Kafka KRaft CONTROLLER listener (default 9093)");
        FLAGS.put("--postgres-port", "PostgreSQL (default 5432)");
        FLAGS.put("--smtp-port", "SMTP server (default 2525)");
        FLAGS.put("--inbox-port", "browsable inbox and its JSON API (default 8025)");
        FLAGS.put("--instances", "how many of each service (1 to " + MAX_INSTANCES + ", default 1; more: a front on the registration port)");
        FLAGS.put("--registration-port", "registration-service, or the front of its instances (default 8080)");
        FLAGS.put("--capacity-port", "capacity-service (default 8081)");
        FLAGS.put("--notification-port", "notification-service (default 8082)");
        FLAGS.put("--registration-management-port", "registration-service's /actuator/* (default 9080)");
        FLAGS.put("--capacity-management-port", "capacity-service's /actuator/* (default 9081)");
        FLAGS.put("--notification-management-port", "notification-service's /actuator/* (default 9082)");
    }

    public static String usage() {
        StringBuilder text = new StringBuilder("""
                Usage: java -jar local-stack/target/local-stack.jar [options]   (run from the repository root)

                Starts Kafka (KRaft), PostgreSQL, an SMTP server with a browsable inbox and the three services.
                Ctrl-C stops everything. Data is kept in the data folder between runs.

                  --fresh                          wipe the data folder first
                  --infra-only                     start Kafka, PostgreSQL and the inbox, but not the services
                  --help                           this text
                """);
        FLAGS.forEach((flag, what) -> text.append(String.format("  %-32s %s%n",
                flag + (flag.endsWith("-port") ? " <port>" : flag.equals("--instances") ? " <n>" : " <dir>"), what)));
        return text.toString();
    }

    private static int count(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--instances needs a number from 1 to " + MAX_INSTANCES + ", not '" + value + "'");
        }
    }

    private static int port(Map<String, String> values, String flag, int fallback) {
        String value = values.get(flag);
        if (value == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a port number, not " + value);
        }
    }

    private static int freePort() {
        return Ports.free();
    }
}
