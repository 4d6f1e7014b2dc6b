package org.rushreg.localstack.kafka;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the broker at once that a static group member is gone, as a supervisor that saw its process die can: the
 * group rebalances now instead of after the member's session timeout, so another instance (which holds a standby
 * copy of the state) takes the dead one's partitions within seconds. A static member is otherwise waited for: the
 * point of static membership is that a quick restart gets its partitions back without a rebalance, which costs the
 * whole session timeout when the restart is not quick.
 */
public final class DeadMembers {

    private static final Logger log = LoggerFactory.getLogger(DeadMembers.class);
    private static final long TIMEOUT_SECONDS = 10;

    private DeadMembers() {
    }

    /**
     * Removes from {@code group} the members whose {@code group.instance.id} is {@code instanceId} or starts with it
     * and a dash (Kafka Streams gives each stream thread's consumer the instance id with its thread number). Never
     * throws: without it the group still moves on, after the session timeout.
     */
    public static void remove(String bootstrapServers, String group, String instanceId) {
        // Called from the thread that watched the process die, whose context class loader is the JDK's: in the
        // packaged jar, Kafka's client classes (which it loads by name through that loader) are not there.
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(DeadMembers.class.getClassLoader());
        try {
            removeMembers(bootstrapServers, group, instanceId);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static void removeMembers(String bootstrapServers, String group, String instanceId) {
        int timeoutMs = (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs))) {
            List<MemberToRemove> dead = admin.describeConsumerGroups(List.of(group)).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(group).members().stream()
                    .map(MemberDescription::groupInstanceId)
                    .flatMap(Optional::stream)
                    .filter(id -> id.equals(instanceId) || id.startsWith(instanceId + "-"))
                    .map(MemberToRemove::new).toList();
            if (dead.isEmpty()) {
                log.info("Group {} has no member of {} left to remove", group, instanceId);
                return;
            }
            admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions(dead)).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            log.info("Removed {} of the dead {} from group {}: the others take over its partitions now",
                    dead.size(), instanceId, group);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("Could not remove the dead {} from group {} ({}); the group waits for its session timeout",
                    instanceId, group, e.toString());
        }
    }
}
