package org.rushreg.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rushreg.localstack.services.FakeService;

/**
 * {@code java -jar local-stack.jar} when a service cannot start (issue 17: registration-service-2 found its port
 * taken, and the stack waited ten minutes for it to be ready): the real launcher in its own JVM, with real Kafka and
 * PostgreSQL, and stand-in service jars ({@link FakeService}) that listen only when the test says. The port of the
 * registration-service is free when the stack checks it and launches the service; the test then takes it, as an
 * outgoing connection once did, and lets the services listen.
 */
class StartFailsFastTest {

    @TempDir
    Path root;

    @Test
    void aServiceThatDiesWhileStartingStopsTheStackAtOnceWithItsNameAndLogAndExitStatus1() throws Exception {
        for (String service : LocalStack.SERVICES) {
            FakeService.writeJar(root.resolve(service).resolve("target").resolve(service + ".jar"));
        }
        Path data = root.resolve("data");
        Settings ports = Settings.onFreePorts(root, data);
        Path listenWhen = root.resolve("listen-now");
        Path output = root.resolve("local-stack.out");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--root", root.toString(), "--data-dir", data.toString()));
        command.addAll(portFlags(ports));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        // the services inherit it
        builder.environment().put("LISTEN_WHEN", listenWhen.toString());
        Process stack = builder.start();
        try (ServerSocket taken = new ServerSocket()) {
            await("the registration-service launched").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Files.exists(data.resolve("registration-service.pid")) || !stack.isAlive());
            assertThat(stack.isAlive()).as("the stack runs; its output: %s", output).isTrue();
            taken.bind(new InetSocketAddress(ports.registrationPort()));
            long listening = System.nanoTime();
            Files.createFile(listenWhen);

            assertThat(stack.waitFor(3, TimeUnit.MINUTES)).as("the stack ended by itself").isTrue();
            Duration took = Duration.ofNanos(System.nanoTime() - listening);
            System.out.println("The stack stopped " + took.toMillis() + " ms after the registration-service failed to listen");

            String said = Files.readString(output);
            assertThat(stack.exitValue()).as(said).isEqualTo(1);
            assertThat(said).contains("The local stack did not start: registration-service exited with status 1 while starting; "
                    + "its log is " + data.resolve("logs").resolve("registration-service.log"))
                    .contains("port " + ports.registrationPort() + " or " + ports.managementPorts().registration()
                            + " was already in use");
            // not the ten-minute wait for health: the stop itself (services, the broker, PostgreSQL) takes most of this
            assertThat(took).isLessThan(Duration.ofSeconds(90));

            assertThat(runningFrom(data).map(p -> p.pid() + " " + p.info().commandLine().orElse("")))
                    .as("processes still running from the data folder (services, PostgreSQL)").isEmpty();
            assertThat(List.of(ports.kafkaPort(), ports.kafkaControllerPort(), ports.postgresPort(), ports.smtpPort(),
                    ports.inboxPort(), ports.capacityPort(), ports.notificationPort(), ports.managementPorts().registration(),
                    ports.managementPorts().capacity(), ports.managementPorts().notification()))
                    .as("ports still taken").filteredOn(port -> !Ports.isFree(port)).isEmpty();
        } finally {
            // after a failure: what the launcher left, PostgreSQL included (it runs in a session of its own)
            stack.descendants().forEach(ProcessHandle::destroyForcibly);
            stack.destroyForcibly();
            runningFrom(data).forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static Stream<ProcessHandle> runningFrom(Path data) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(line -> line.contains(data.toString())).orElse(false));
    }

    private static List<String> portFlags(Settings s) {
        return List.of("--kafka-port", String.valueOf(s.kafkaPort()), "--kafka-controller-port", String.valueOf(s.kafkaControllerPort()),
                "--postgres-port", String.valueOf(s.postgresPort()), "--smtp-port", String.valueOf(s.smtpPort()),
                "--inbox-port", String.valueOf(s.inboxPort()), "--registration-port", String.valueOf(s.registrationPort()),
                "--capacity-port", String.valueOf(s.capacityPort()), "--notification-port", String.valueOf(s.notificationPort()),
                "--registration-management-port", String.valueOf(s.managementPorts().registration()),
                "--capacity-management-port", String.valueOf(s.managementPorts().capacity()),
                "--notification-management-port", String.valueOf(s.managementPorts().notification()));
    }
}
