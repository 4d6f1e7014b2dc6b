package org.rushreg.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.Test;

class ServiceInstanceTest {

    private static final IntPredicate ALL_FREE = port -> true;

    @Test
    void oneOfEachKeepsThePortsAndNamesOfTheSettings() {
        assertThat(ServiceInstance.plan(Settings.parse(), ALL_FREE)).extracting(i -> i.name() + ":" + i.port() + "/" + i.managementPort())
                .containsExactly("capacity-service:8081/9081", "registration-service:8080/9080",
                        "notification-service:8082/9082");
    }

    @Test
    void severalRegistrationInstancesListenOnConsecutivePortsBehindTheFront() {
        List<ServiceInstance> plan = ServiceInstance.plan(Settings.parse("--instances", "3"), ALL_FREE);
        assertThat(plan).filteredOn(i -> i.service().equals("registration-service"))
                .extracting(i -> i.name() + ":" + i.port())
                .containsExactly("registration-service-1:8090", "registration-service-2:8091", "registration-service-3:8092");
        assertThat(plan).filteredOn(i -> i.service().equals("capacity-service")).extracting(ServiceInstance::port)
                .containsExactly(8081, 8281, 8481);
    }

    @Test
    void aTakenPortMovesTheWholeRegistrationRangeAndOneOtherCopyToFreePorts() {
        Set<Integer> taken = Set.of(8091, 8281, 9181);
        List<ServiceInstance> plan = ServiceInstance.plan(Settings.parse("--instances", "2"), port -> !taken.contains(port));
        assertThat(plan).filteredOn(i -> i.service().equals("registration-service"))
                .extracting(i -> i.name() + ":" + i.port() + "/" + i.managementPort())
                .containsExactly("registration-service-1:8092/9182", "registration-service-2:8093/9183");
        assertThat(plan).filteredOn(i -> i.service().equals("capacity-service"))
                .extracting(i -> i.name() + ":" + i.port() + "/" + i.managementPort())
                .containsExactly("capacity-service-1:8081/9081", "capacity-service-2:8282/9281");
    }

    @Test
    void portsHeldOnThisMachineAreNotPlannedForACopy() throws Exception {
        Settings settings = Settings.onFreePorts(Path.of("."), Path.of("data")).withInstances(2);
        int secondRegistration = ServiceInstance.plan(settings, Ports::isFree).stream()
                .filter(i -> i.name().equals("registration-service-2")).findFirst().orElseThrow().port();
        try (ServerSocket held = new ServerSocket()) {
            held.bind(new InetSocketAddress(secondRegistration));
            List<ServiceInstance> plan = ServiceInstance.plan(settings, Ports::isFree);
            List<Integer> registrationPorts = plan.stream().filter(i -> i.service().equals("registration-service"))
                    .map(ServiceInstance::port).toList();
            assertThat(registrationPorts).doesNotContain(secondRegistration);
            assertThat(registrationPorts.get(1)).isEqualTo(registrationPorts.get(0) + 1);
            assertThat(plan).allSatisfy(i -> {
                assertThat(Ports.isFree(i.port())).as(i.name()).isTrue();
                assertThat(Ports.isFree(i.managementPort())).as(i.name()).isTrue();
            });
        }
    }

    @Test
    void noPortIsTakenTwiceUpToTheMostInstances() {
        Settings settings = Settings.parse("--instances", String.valueOf(Settings.MAX_INSTANCES));
        List<Integer> ports = new ArrayList<>(List.of(settings.registrationPort(), settings.kafkaPort(),
                settings.kafkaControllerPort(), settings.postgresPort(), settings.smtpPort(), settings.inboxPort()));
        ServiceInstance.plan(settings, ALL_FREE).forEach(i -> {
            ports.add(i.port());
            ports.add(i.managementPort());
        });
        assertThat(ports).hasSize(6 + 2 * 3 * Settings.MAX_INSTANCES).doesNotHaveDuplicates();
    }

    @Test
    void aCopyIsNeverGivenAPortOfTheSettingsEvenWhenItIsFree() {
        // the Kafka port where registration-service-2 would go: the broker is not listening yet when the plan is made
        Settings settings = Settings.parse("--instances", "2", "--kafka-port", "8091");
        assertThat(ServiceInstance.plan(settings, ALL_FREE)).filteredOn(i -> i.service().equals("registration-service"))
                .extracting(ServiceInstance::port).containsExactly(8092, 8093);
    }

    @Test
    void anInstanceCountOutOfRangeSaysWhatIsAllowed() {
        assertThatThrownBy(() -> Settings.parse("--instances", "0")).hasMessageContaining("1 to 4");
        assertThatThrownBy(() -> Settings.parse("--instances", "many")).hasMessageContaining("a number from 1 to 4");
    }
}
