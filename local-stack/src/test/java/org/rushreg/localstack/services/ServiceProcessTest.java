package org.rushreg.localstack.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

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
    void runsTheJarInItsOwnJvmRestartsItWhenItDiesOnceStartedAndStopsIt() throws Exception {
        Path jar = FakeService.writeJar(dir.resolve("fake-service.jar"));
        Settings ports = Settings.onFreePorts(dir, dir);
        int port = ports.registrationPort();
        Path dieWhen = dir.resolve("die-now");
        Path pidFile = dir.resolve("fake-service.pid");
        ServiceProcess service = new ServiceProcess("fake-service", jar, port, ports.managementPorts().registration(),
                Map.of("GREETING", "hello", "DIE_WHEN", dieWhen.toString()), dir);
        try (service) {
            service.start();
            service.awaitHealthy(Duration.ofSeconds(60));
            service.restartWhenItDies();
            long firstPid = Long.parseLong(Files.readString(pidFile));
            assertThat(Files.readString(service.logFile())).contains("fake service up, greeting hello");
            assertThat(Files.readString(dir.resolve("fake-service.port"))).isEqualTo(String.valueOf(port));

            Files.createFile(dieWhen);
            await().atMost(Duration.ofSeconds(60)).until(() -> Long.parseLong(Files.readString(pidFile)) != firstPid);
            service.awaitHealthy(Duration.ofSeconds(60));
            assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
        assertThat(Files.exists(pidFile)).isFalse();
        assertThat(dir.resolve("fake-service.port")).doesNotExist();
        assertThat(service.isHealthy()).isFalse();
        assertThat(Files.readString(service.logFile())).containsOnlyOnce("crashing on purpose");
    }

    /** The niceness reaches the service's JVM itself (Linux: read back from /proc), and the service still runs. */
    @Test
    void aServiceThatYieldsTheCpuRunsAtTheNicenessAskedFor() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux's /proc to read a niceness back");
        Path jar = FakeService.writeJar(dir.resolve("fake-service.jar"));
        Settings ports = Settings.onFreePorts(dir, dir);
        try (ServiceProcess service = new ServiceProcess("fake-service", jar, ports.registrationPort(),
                ports.managementPorts().registration(), Map.of("GREETING", "hello"), dir)) {
            service.yieldCpuBy(7);
            service.start();
            service.awaitHealthy(Duration.ofSeconds(60));
            long pid = Long.parseLong(Files.readString(dir.resolve("fake-service.pid")));
            // below the stack's own priority: a stack started niced itself runs the service nicer still
            assertThat(niceness(String.valueOf(pid))).isEqualTo(Math.min(niceness("self") + 7, 19));
        }
        assertThatThrownBy(() -> new ServiceProcess("x", dir.resolve("x.jar"), 1, 2, Map.of(), dir).yieldCpuBy(20))
                .hasMessageContaining("0 (the usual priority) to 19 (the lowest), not 20");
    }

    /** /proc/<pid>/stat: the command name in parentheses, then fields 3 onwards; the niceness is field 19. */
    private static int niceness(String pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19 - 3]);
    }

    /** The race of issue 17: the port was free when chosen and checked, and taken before the service listened. */
    @Test
    void aServiceThatDiesWhileStartingIsNotRestartedAndTheWaitEndsWithItsNameAndLog() throws Exception {
        Path jar = FakeService.writeJar(dir.resolve("fake-service.jar"));
        Settings ports = Settings.onFreePorts(dir, dir);
        int port = ports.registrationPort();
        Path listenWhen = dir.resolve("listen-now");
        Path pidFile = dir.resolve("fake-service-2.pid");
        ServiceProcess service = new ServiceProcess("fake-service-2", jar, port, ports.managementPorts().registration(),
                Map.of("LISTEN_WHEN", listenWhen.toString()), dir);
        try (service; ServerSocket taken = new ServerSocket()) {
            service.start();
            long pid = Long.parseLong(Files.readString(pidFile));
            taken.bind(new InetSocketAddress(port));
            Files.createFile(listenWhen);

            assertThatThrownBy(() -> service.awaitHealthy(Duration.ofMinutes(2)))
                    .isInstanceOf(ServiceProcess.ExitedWhileStarting.class)
                    .hasMessageContaining("fake-service-2 exited with status 1 while starting")
                    .hasMessageContaining(service.logFile().toString())
                    .hasMessageContaining("port " + port + " or " + ports.managementPorts().registration() + " was already in use");
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(service.isRunning()).as("not restarted").isFalse();
            assertThat(Long.parseLong(Files.readString(pidFile))).as("no second process").isEqualTo(pid);
        }
    }
}
