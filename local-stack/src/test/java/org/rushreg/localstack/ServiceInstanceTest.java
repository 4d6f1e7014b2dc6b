package org.rushreg.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceInstanceTest {

    @Test
    void oneOfEachKeepsThePortsAndNamesOfTheSettings() {
        assertThat(ServiceInstance.plan(Settings.parse())).extracting(i -> i.name() + ":" + i.port() + "/" + i.managementPort())
                .containsExactly("capacity-service:8081/9081", "registration-service:8080/9080",
                        "notification-service:8082/9082");
    }

    @Test
    void severalRegistrationInstancesListenOnConsecutivePortsBehindTheFront() {
        List<ServiceInstance> plan = ServiceInstance.plan(Settings.parse("--instances", "3"));
        assertThat(plan).filteredOn(i -> i.service().equals("registration-service"))
                .extracting(i -> i.name() + ":" + i.port())
                .containsExactly("registration-service-1:8090", "registration-service-2:8091", "registration-service-3:8092");
        assertThat(plan).filteredOn(i -> i.service().equals("capacity-service")).extracting(ServiceInstance::port)
                .containsExactly(8081, 8281, 8481);
    }

    @Test
    void noPortIsTakenTwiceUpToTheMostInstances() {
        Settings settings = Settings.parse("--instances", String.valueOf(Settings.MAX_INSTANCES));
        List<Integer> ports = new ArrayList<>(List.of(settings.registrationPort(), settings.kafkaPort(),
                settings.kafkaControllerPort(), settings.postgresPort(), settings.smtpPort(), settings.inboxPort()));
        ServiceInstance.plan(settings).forEach(i -> {
            ports.add(i.port());
            ports.add(i.managementPort());
        });
        assertThat(ports).hasSize(6 + 2 * 3 * Settings.MAX_INSTANCES).doesNotHaveDuplicates();
    }

    @Test
    void anInstanceCountOutOfRangeSaysWhatIsAllowed() {
        assertThatThrownBy(() -> Settings.parse("--instances", "0")).hasMessageContaining("1 to 4");
        assertThatThrownBy(() -> Settings.parse("--instances", "many")).hasMessageContaining("a number from 1 to 4");
    }
}
