package org.rushreg.localstack;

import java.util.ArrayList;
import java.util.List;

/**
 * One running copy of a service: its name (also its log, pid file and jar copy), its public and operators' ports.
 *
 * @param index 1-based among the copies of its service
 */
public record ServiceInstance(String service, int index, String name, int port, int managementPort) {

    /**
     * Which copies run, and where. One of each keeps the ports of the settings and the plain service names. With
     * more, the registration-service's copies listen on consecutive ports from the registration port + 10 (8090,
     * 8091, …; the front takes the registration port itself) and on operators' ports from its management port + 100
     * (9180, …); the other services' copies keep their ports for the first and step by 200 after it (capacity 8081,
     * 8281, …; notification 8082, 8282, …), which stays clear of each other and of Kafka's 9092/9093 up to
     * {@value Settings#MAX_INSTANCES} copies.
     */
    public static List<ServiceInstance> plan(Settings settings) {
        List<ServiceInstance> plan = new ArrayList<>();
        int count = settings.instances();
        for (String service : LocalStack.SERVICES) {
            int port = settings.publicPort(service);
            int management = settings.managementPorts().of(service);
            if (count == 1) {
                plan.add(new ServiceInstance(service, 1, service, port, management));
                continue;
            }
            for (int i = 1; i <= count; i++) {
                String name = service + "-" + i;
                if (service.equals("registration-service")) {
                    plan.add(new ServiceInstance(service, i, name, port + 10 + i - 1, management + 100 + i - 1));
                } else {
                    plan.add(new ServiceInstance(service, i, name, port + 200 * (i - 1), management + 200 * (i - 1)));
                }
            }
        }
        return List.copyOf(plan);
    }
}
