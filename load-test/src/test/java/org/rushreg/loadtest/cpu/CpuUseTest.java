package org.rushreg.loadtest.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class CpuUseTest {

    private static final ProcessGrouping GROUPING = new ProcessGrouping(100, 0, 200, 300);

    private static ProcSnapshot snapshot(long busy, long nanos, ProcessCpu... processes) {
        return new ProcSnapshot(List.of(processes).stream().collect(Collectors.toMap(ProcessCpu::pid, p -> p)), busy, nanos);
    }

    @Test
    void eachGroupSpendsWhatItsProcessesSpentBetweenTheSnapshots() {
        ProcSnapshot before = snapshot(1_000, 0,
                new ProcessCpu(200, 1, 5, 4_000, "java -jar local-stack.jar"),
                new ProcessCpu(201, 200, 6, 1_000, "java -jar registration-service.jar"),
                new ProcessCpu(300, 1, 7, 50, "postgres -p 5432"),
                new ProcessCpu(301, 300, 8, 10, "postgres: postgres registration"),
                new ProcessCpu(302, 300, 9, 30, "postgres: postgres notification"));
        ProcSnapshot after = snapshot(3_500, 20_000_000_000L,
                new ProcessCpu(200, 1, 5, 4_300, "java -jar local-stack.jar"),
                new ProcessCpu(201, 200, 6, 1_450, "java -jar registration-service.jar"),
                new ProcessCpu(300, 1, 7, 60, "postgres -p 5432"),
                new ProcessCpu(301, 300, 8, 110, "postgres: postgres registration"),
                // 302 ended: its time after the first snapshot is lost
                // a new backend: all of its time fell in the window
                new ProcessCpu(303, 300, 50, 40, "postgres: postgres registration"),
                new ProcessCpu(400, 1, 60, 999, "bash"));

        CpuUse use = CpuUse.between(before, after, GROUPING, 100);

        assertThat(use.of(ProcessGroup.LOCAL_STACK)).isCloseTo(3.0, within(1e-9));
        assertThat(use.of(ProcessGroup.REGISTRATION_SERVICE)).isCloseTo(4.5, within(1e-9));
        assertThat(use.of(ProcessGroup.POSTGRES)).isCloseTo((10 + 100 + 40) / 100.0, within(1e-9));
        assertThat(use.of(ProcessGroup.OTHER)).isCloseTo(9.99, within(1e-9));
        assertThat(use.of(ProcessGroup.CAPACITY_SERVICE)).isZero();
        assertThat(use.endedProcesses()).isEqualTo(1);
        assertThat(use.busySeconds()).isCloseTo(25.0, within(1e-9));
        assertThat(use.wallSeconds()).isCloseTo(20.0, within(1e-9));
        assertThat(use.total(CpuTable.SYSTEM)).isCloseTo(3.0 + 4.5 + 1.5, within(1e-9));
    }

    @Test
    void aProcessThatGotAnEndedProcesssPidCountsFromZeroNotFromTheOldOnesTime() {
        ProcessCpu stack = new ProcessCpu(200, 1, 5, 0, "java -jar local-stack.jar");
        ProcSnapshot before = snapshot(0, 0, stack, new ProcessCpu(201, 200, 6, 5_000, "java -jar registration-service.jar"));
        ProcSnapshot after = snapshot(0, 1, stack, new ProcessCpu(201, 200, 77, 120, "java -jar registration-service.jar"));

        CpuUse use = CpuUse.between(before, after, GROUPING, 100);

        assertThat(use.of(ProcessGroup.REGISTRATION_SERVICE)).isCloseTo(1.2, within(1e-9));
        assertThat(use.endedProcesses()).isEqualTo(1);
    }

    @Test
    void theTableTotalsOnlyEachDesignsOwnProcessesAndShowsTheRestInParentheses() {
        CpuUse lock = new CpuUse(Map.of(ProcessGroup.BASELINE_SERVER, 8.0, ProcessGroup.POSTGRES, 2.0,
                ProcessGroup.LOAD_TOOL, 3.0, ProcessGroup.REGISTRATION_SERVICE, 0.5), 14.0, 10.0, 0,
                new ProcessGrouping(1, 2, 0, 300));

        String md = CpuTable.markdown(List.of(new CpuTable.Column("lock peer", lock, 2_000, CpuTable.LOCK_PEER)));

        assertThat(md).contains("| baseline server JVM | 8.0 | 4.00 |")
                .contains("| PostgreSQL (all its processes) | 2.0 | 1.00 |")
                .contains("| load tool (this JVM, jstat) | (3.0) | (1.50) |")
                .contains("| registration-service | (0.5) | (0.25) |")
                .contains("| **total of the design's own processes** | **10.0** | **5.00** |")
                .contains("none did in these windows")
                .contains("the local stack's JVM not found")
                .contains("PostgreSQL pid 300 and its backends");
    }
}
