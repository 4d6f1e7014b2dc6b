package org.rushreg.localstack;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * One running copy of a service: its name (also its log, pid file and jar copy), its public and operators' ports.
 *
 * @param index 1-based among the copies of its service
 */
public record ServiceInstance(String service, int index, String name, int port, int managementPort) {

    /**
     * Which copies run, and where. One of each keeps the ports of the settings and the plain service names (a taken
     * one is reported, not moved: they are the ports of the contract). With more, the registration-service's copies
     * listen on consecutive ports from the registration port + 10 (8090, 8091, …; the front takes the registration
     * port itself) and on operators' ports from its management port + 100 (9180, …); the other services' copies keep
     * their ports for the first and step by 200 after it (capacity 8081, 8281, …; notification 8082, 8282, …), which
     * stays clear of each other and of Kafka's 9092/9093 up to {@value Settings#MAX_INSTANCES} copies.
     *
     * <p>Those derived ports are where the copies go when the ports are {@code free} at planning time; when one is
     * not, the registration copies' range moves up as a whole to the next range of free ports (they stay
     * consecutive), and another copy moves up to the next free port. The banner lists where they went.
     *
     * @param free whether a port can be listened on now ({@link Ports#isFree}); a port of the settings is never
     *             given to a copy of another service
     */
    public static List<ServiceInstance> plan(Settings settings, IntPredicate free) {
        Set<Integer> claimed = new HashSet<>(List.of(settings.kafkaPort(), settings.kafkaControllerPort(),
                settings.postgresPort(), settings.smtpPort(), settings.inboxPort()));
        for (String service : LocalStack.SERVICES) {
            claimed.add(settings.publicPort(service));
            claimed.add(settings.managementPorts().of(service));
        }
        IntPredicate available = port -> port <= 65_535 && !claimed.contains(port) && free.test(port);

        List<ServiceInstance> plan = new ArrayList<>();
        int count = settings.instances();
        for (String service : LocalStack.SERVICES) {
            int port = settings.publicPort(service);
            int management = settings.managementPorts().of(service);
            if (count == 1) {
                plan.add(new ServiceInstance(service, 1, service, port, management));
                continue;
            }
            if (service.equals("registration-service")) {
                int first = consecutive(port + 10, count, available, service);
                claimRange(claimed, first, count);
                int firstManagement = consecutive(management + 100, count, available, service + " (operators' ports)");
                claimRange(claimed, firstManagement, count);
                for (int i = 1; i <= count; i++) {
                    plan.add(new ServiceInstance(service, i, service + "-" + i, first + i - 1, firstManagement + i - 1));
                }
                continue;
            }
            plan.add(new ServiceInstance(service, 1, service + "-1", port, management));
            for (int i = 2; i <= count; i++) {
                int own = consecutive(port + 200 * (i - 1), 1, available, service + "-" + i);
                claimed.add(own);
                int ownManagement = consecutive(management + 200 * (i - 1), 1, available, service + "-" + i + " (operators' port)");
                claimed.add(ownManagement);
                plan.add(new ServiceInstance(service, i, service + "-" + i, own, ownManagement));
            }
        }
        return List.copyOf(plan);
    }

    /** The first port from {@code from} up where {@code count} ports in a row are available. */
    private static int consecutive(int from, int count, IntPredicate available, String forWhom) {
        for (int first = from; first + count - 1 <= 65_535; first++) {
            int last = first + count - 1;
            boolean allAvailable = true;
            for (int port = first; port <= last && allAvailable; port++) {
                allAvailable = available.test(port);
            }
            if (allAvailable) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " free port(s) in a row from " + from + " for " + forWhom
                + "; choose other ports (--help lists the flags)");
    }

    private static void claimRange(Set<Integer> claimed, int first, int count) {
        for (int port = first; port < first + count; port++) {
            claimed.add(port);
        }
    }
}
