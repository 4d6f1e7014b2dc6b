package org.rushreg.loadtest.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ProcessGroupingTest {

    private final Map<Long, ProcessCpu> processes = new HashMap<>();

    private ProcessCpu add(long pid, long ppid, String cmdline) {
        ProcessCpu p = new ProcessCpu(pid, ppid, pid, 0, cmdline);
        processes.put(pid, p);
        return p;
    }

    private ProcSnapshot snapshot() {
        return new ProcSnapshot(processes, 0, 0);
    }

    @Test
    void groupsByWhoseProcessItIsSoThatAnotherStackOnTheMachineIsNotCounted() {
        add(1, 0, "init");
        ProcessCpu tool = add(100, 1, "java -jar load-test/target/load-test.jar rush");
        ProcessCpu jstat = add(101, 100, "/usr/lib/jvm/bin/jstat -gc 201 1000");
        ProcessCpu baseline = add(102, 100, "java -jar load-test/target/load-test.jar baseline-server --port 3");
        ProcessCpu stack = add(200, 1, "java -jar local-stack/target/local-stack.jar --postgres-port 15432");
        ProcessCpu registration = add(201, 200, "java -jar /x/registration-service/target/registration-service.jar");
        ProcessCpu capacity = add(202, 200, "java -jar /x/capacity-service.jar");
        ProcessCpu notification = add(203, 200, "java -jar /x/notification-service.jar");
        ProcessCpu postmaster = add(300, 1, "/tmp/embedded-pg/PG-1/bin/postgres -D /d -p 15432 -F");
        ProcessCpu lockpeer = add(301, 300, "postgres: postgres lockpeer 127.0.0.1(5000) idle");
        ProcessCpu othersService = add(400, 1, "java -jar /elsewhere/registration-service.jar");
        ProcessCpu othersPostgres = add(500, 1, "/tmp/embedded-pg/PG-1/bin/postgres -D /e -p 5432");

        ProcessGrouping grouping = new ProcessGrouping(100, 102, 200, 300);
        ProcSnapshot s = snapshot();

        assertThat(grouping.groupOf(tool, s)).isEqualTo(ProcessGroup.LOAD_TOOL);
        assertThat(grouping.groupOf(jstat, s)).isEqualTo(ProcessGroup.LOAD_TOOL);
        assertThat(grouping.groupOf(baseline, s)).isEqualTo(ProcessGroup.BASELINE_SERVER);
        assertThat(grouping.groupOf(stack, s)).isEqualTo(ProcessGroup.LOCAL_STACK);
        assertThat(grouping.groupOf(registration, s)).isEqualTo(ProcessGroup.REGISTRATION_SERVICE);
        assertThat(grouping.groupOf(capacity, s)).isEqualTo(ProcessGroup.CAPACITY_SERVICE);
        assertThat(grouping.groupOf(notification, s)).isEqualTo(ProcessGroup.NOTIFICATION_SERVICE);
        assertThat(grouping.groupOf(postmaster, s)).isEqualTo(ProcessGroup.POSTGRES);
        assertThat(grouping.groupOf(lockpeer, s)).isEqualTo(ProcessGroup.POSTGRES);
        assertThat(grouping.groupOf(othersService, s)).isEqualTo(ProcessGroup.OTHER);
        assertThat(grouping.groupOf(othersPostgres, s)).isEqualTo(ProcessGroup.OTHER);
    }

    @Test
    void withoutKnownRootsTheCommandLineDecidesAsTheSharedScriptDoes() {
        ProcessCpu stack = add(200, 1, "java -jar local-stack.jar --postgres-port 5432");
        ProcessCpu service = add(201, 200, "java -jar capacity-service.jar");
        ProcessCpu backend = add(301, 1, "postgres: postgres registration 127.0.0.1(5000) idle");
        ProcessCpu shell = add(600, 1, "bash");

        ProcessGrouping grouping = new ProcessGrouping(100, 0, 0, 0);
        ProcSnapshot s = snapshot();

        // local-stack's own command line names postgres: the stack is matched first
        assertThat(grouping.groupOf(stack, s)).isEqualTo(ProcessGroup.LOCAL_STACK);
        assertThat(grouping.groupOf(service, s)).isEqualTo(ProcessGroup.CAPACITY_SERVICE);
        assertThat(grouping.groupOf(backend, s)).isEqualTo(ProcessGroup.POSTGRES);
        assertThat(grouping.groupOf(shell, s)).isEqualTo(ProcessGroup.OTHER);
    }

    @Test
    void thePostgresServerIsTheOneListeningOnTheUrlsPort() {
        add(300, 1, "/tmp/embedded-pg/PG-1/bin/postgres -D /d -p 15432 -F -c timezone=UTC");
        add(301, 300, "postgres: postgres registration 127.0.0.1(5000) idle");
        add(500, 1, "/tmp/embedded-pg/PG-1/bin/postgres -D /e -p 5432");

        assertThat(CpuMeter.postmaster(snapshot(), "jdbc:postgresql://localhost:15432/registration")).isEqualTo(300);
        assertThat(CpuMeter.postmaster(snapshot(), "jdbc:postgresql://localhost:5432/")).isEqualTo(500);
        assertThat(CpuMeter.postmaster(snapshot(), "jdbc:postgresql://localhost:6543/x")).isZero();
    }
}
