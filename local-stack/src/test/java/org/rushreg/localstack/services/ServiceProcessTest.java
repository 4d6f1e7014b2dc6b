package org.rushreg.localstack.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rushreg.localstack.Settings;

class ServiceProcessTest {

    @TempDir
    Path dir;

    @Test
    void servicesRunWithTheSmallMachineOptionsUnlessTheEnvironmentNamesOthers() {
        assertThat(ServiceProcess.jvmOptions(Map.of())).isEqualTo(ServiceProcess.JVM_OPTIONS);
        assertThat(ServiceProcess.jvmOptions(Map.of("SERVICE_JVM_OPTIONS", " -Xmx256m  -XX:+UseSerialGC ")))
                .containsExactly("-Xmx256m", "-XX:+UseSerialGC");
    }

    @Test
    void runsTheJarInItsOwnJvmRestartsItWhenItDiesAndStopsIt() throws Exception {
        Path jar = fakeServiceJar();
        Settings ports = Settings.onFreePorts(dir, dir);
        int port = ports.registrationPort();
        Path dieWhen = dir.resolve("die-now");
        Path pidFile = dir.resolve("fake-service.pid");
        ServiceProcess service = new ServiceProcess("fake-service", jar, port, ports.managementPorts().registration(),
                Map.of("GREETING", "hello", "DIE_WHEN", dieWhen.toString()), dir);
        try (service) {
            service.start();
            service.awaitHealthy(Duration.ofSeconds(60));
            long firstPid = Long.parseLong(Files.readString(pidFile));
            assertThat(Files.readString(service.logFile())).contains("fake service up, greeting hello");

            Files.createFile(dieWhen);
            await().atMost(Duration.ofSeconds(60)).until(() -> Long.parseLong(Files.readString(pidFile)) != firstPid);
            service.awaitHealthy(Duration.ofSeconds(60));
            assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
        assertThat(Files.exists(pidFile)).isFalse();
        assertThat(service.isHealthy()).isFalse();
        assertThat(Files.readString(service.logFile())).containsOnlyOnce("crashing on purpose");
    }

    /** A jar whose manifest runs {@link FakeService} from this module's test classes. */
    private Path fakeServiceJar() throws Exception {
        Path classes = Path.of(FakeService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classes.toUri().toString());
        Path jar = dir.resolve("fake-service.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // the manifest is all it needs
        }
        return jar;
    }
}
