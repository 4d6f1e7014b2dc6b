package org.rushreg.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTest {

    @TempDir
    Path root;

    @Test
    void aMissingServiceJarNamesTheJarAndTheBuildCommand() {
        LocalStack stack = new LocalStack(Settings.onFreePorts(root, root.resolve("data")));
        assertThatThrownBy(stack::start)
                .isInstanceOf(LocalStack.JarMissingException.class)
                .hasMessageContaining(root.resolve("registration-service/target/registration-service.jar").toString())
                .hasMessageContaining("./mvnw -B -DskipTests package");
    }

    @Test
    void freshWipesOnlyAFolderTheStackMade() throws Exception {
        Path notOurs = Files.createDirectories(root.resolve("home"));
        Files.writeString(notOurs.resolve("thesis.tex"), "years of work");
        Settings p = Settings.onFreePorts(root, notOurs);
        Settings fresh = new Settings(root, notOurs, true, false, p.kafkaPort(), p.kafkaControllerPort(), p.postgresPort(),
                p.smtpPort(), p.inboxPort(), p.registrationPort(), p.capacityPort(), p.notificationPort(), p.managementPorts(), Map.of(), 1);
        try (LocalStack stack = new LocalStack(fresh)) {
            assertThatThrownBy(stack::start).hasMessageContaining("not a local-stack data folder");
        }
        assertThat(notOurs.resolve("thesis.tex")).exists();
    }

    @Test
    void theNotificationServiceYieldsTheCpuByTenUnlessTheEnvironmentSaysOtherwise() {
        assertThat(LocalStack.notificationNiceness(null)).isEqualTo(10);
        assertThat(LocalStack.notificationNiceness(" ")).isEqualTo(10);
        assertThat(LocalStack.notificationNiceness("0")).isZero();
        assertThat(LocalStack.notificationNiceness(" 19 ")).isEqualTo(19);
        for (String wrong : new String[] {"20", "-5", "low"}) {
            assertThatThrownBy(() -> LocalStack.notificationNiceness(wrong))
                    .hasMessageContaining("NOTIFICATION_SERVICE_NICENESS must be a niceness from 0")
                    .hasMessageContaining("'" + wrong + "'");
        }
    }
}
