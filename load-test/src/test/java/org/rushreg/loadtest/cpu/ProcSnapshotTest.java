package org.rushreg.loadtest.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcSnapshotTest {

    @TempDir
    Path proc;

    private void process(long pid, long ppid, long utime, long stime, String cmdline) throws Exception {
        Path dir = Files.createDirectories(proc.resolve(String.valueOf(pid)));
        Files.writeString(dir.resolve("stat"), pid + " (p) S " + ppid + " 0 0 0 -1 0 0 0 0 0 " + utime + " " + stime
                + " 0 0 20 0 1 0 " + (1000 + pid) + " 0 0");
        Files.writeString(dir.resolve("cmdline"), cmdline.replace(' ', '\0') + "\0");
    }

    @Test
    void readsEveryNumberedFolderWithItsCommandLineAndTheMachinesBusyTime() throws Exception {
        process(1, 0, 5, 5, "init");
        process(42, 1, 300, 20, "java -jar local-stack.jar --fresh");
        Files.createDirectories(proc.resolve("self"));
        Files.createDirectories(proc.resolve("77")); // ended while listed: no stat file
        // user nice system idle iowait irq softirq steal
        Files.writeString(proc.resolve("stat"), "cpu  100 1 50 900 30 2 3 4 0 0\ncpu0 1 1 1 1 1 1 1 1 0 0\n");

        ProcSnapshot s = ProcSnapshot.read(proc);

        assertThat(s.processes()).containsOnlyKeys(1L, 42L);
        assertThat(s.processes().get(42L).cpuTicks()).isEqualTo(320);
        assertThat(s.processes().get(42L).cmdline()).isEqualTo("java -jar local-stack.jar --fresh");
        assertThat(s.busyTicks()).isEqualTo(100 + 1 + 50 + 2 + 3 + 4);
        assertThat(s.lineage(s.processes().get(42L))).extracting(ProcessCpu::pid).containsExactly(42L, 1L);
    }
}
