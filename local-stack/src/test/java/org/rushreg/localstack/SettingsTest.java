package org.rushreg.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void defaultsAreThePortsOfTheContract() {
        Settings s = Settings.parse();
        assertThat(s.kafkaBootstrapServers()).isEqualTo("localhost:9092");
        assertThat(s.jdbcUrl("registration")).isEqualTo("jdbc:postgresql://localhost:5432/registration");
        assertThat(s.smtpPort()).isEqualTo(2525);
        assertThat(s.inboxUrl()).isEqualTo("http://localhost:8025");
        assertThat(s.registrationPort()).isEqualTo(8080);
        assertThat(s.capacityPort()).isEqualTo(8081);
        assertThat(s.notificationPort()).isEqualTo(8082);
        assertThat(s.managementPorts()).isEqualTo(new Settings.ManagementPorts(9080, 9081, 9082));
        assertThat(s.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(s.fresh()).isFalse();
        assertThat(s.withServices()).isTrue();
    }

    @Test
    void everyPortAndTheDataFolderCanBeSet() {
        Settings s = Settings.parse("--fresh", "--data-dir", "/tmp/x", "--kafka-port=19092", "--smtp-port", "3025",
                "--inbox-port", "9025", "--registration-port", "9080", "--postgres-port", "6543", "--infra-only",
                "--registration-management-port", "19080", "--notification-management-port=19082");
        assertThat(s.fresh()).isTrue();
        assertThat(s.withServices()).isFalse();
        assertThat(s.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(s.kafkaPort()).isEqualTo(19092);
        assertThat(s.smtpPort()).isEqualTo(3025);
        assertThat(s.inboxPort()).isEqualTo(9025);
        assertThat(s.registrationUrl()).isEqualTo("http://localhost:9080");
        assertThat(s.postgresPort()).isEqualTo(6543);
        assertThat(s.managementPorts()).isEqualTo(new Settings.ManagementPorts(19080, 9081, 19082));
    }

    @Test
    void mistakesAreReportedNotIgnored() {
        assertThatThrownBy(() -> Settings.parse("--kafka-prot", "1")).hasMessageContaining("unknown option --kafka-prot");
        assertThatThrownBy(() -> Settings.parse("--smtp-port", "smtp")).hasMessageContaining("--smtp-port must be a port");
        assertThatThrownBy(() -> Settings.parse("--data-dir")).hasMessageContaining("needs a value");
    }

    @Test
    void helpNamesEveryFlag() {
        assertThat(Settings.usage()).contains("--fresh", "--data-dir", "--kafka-port", "--kafka-controller-port",
                "--postgres-port", "--smtp-port", "--inbox-port", "--registration-port", "--capacity-port",
                "--notification-port", "--registration-management-port", "--capacity-management-port",
                "--notification-management-port", "--infra-only", "--root");
    }
}
