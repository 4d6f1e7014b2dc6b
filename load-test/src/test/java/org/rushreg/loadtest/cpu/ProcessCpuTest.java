package org.rushreg.loadtest.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    // a real /proc/<pid>/stat line of a JVM, its thread name with a space and a ')' in it
    private static final String STAT = "8045 (java) x) S 7545 7544 1136 0 -1 4194560 139187 0 6 0 1534 287 0 0 20 0 "
            + "61 0 52993 4227514368 113287 18446744073709551615 1 1 0 0 0 0 4 1 16800975 0 0 0 17 1 0 0 0 0 0";

    @Test
    void readsPidParentStartAndUserPlusSystemTimeCountingFieldsFromTheLastParenthesis() {
        ProcessCpu p = ProcessCpu.parse(STAT, "java -jar registration-service.jar");

        assertThat(p.pid()).isEqualTo(8045);
        assertThat(p.ppid()).isEqualTo(7545);
        assertThat(p.cpuTicks()).isEqualTo(1534 + 287);
        assertThat(p.startTicks()).isEqualTo(52993);
        assertThat(p.cmdline()).isEqualTo("java -jar registration-service.jar");
    }

    @Test
    void aPidReusedByALaterProcessIsNotTheSameProcess() {
        ProcessCpu first = new ProcessCpu(10, 1, 500, 100, "a");
        ProcessCpu later = new ProcessCpu(10, 1, 900, 3, "b");

        assertThat(first.sameAs(new ProcessCpu(10, 1, 500, 180, "a"))).isTrue();
        assertThat(first.sameAs(later)).isFalse();
        assertThat(first.sameAs(null)).isFalse();
    }

    @Test
    void aLineWithoutTheCommandNameIsRefused() {
        assertThatThrownBy(() -> ProcessCpu.parse("12 java S 1", "")).isInstanceOf(IllegalArgumentException.class);
    }
}
