package org.rushreg.loadtest.openloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {

    private static final long S = 1_000_000_000L;

    @Test
    void eachStepSendsItsRateForItsSecondsAndTheNextBeginsWhereItsArrivalsEnd() {
        List<Step> steps = ArrivalSchedule.steps(7, List.of(100.0, 400.0), 20, 0);

        assertThat(steps).extracting(Step::requests).containsExactly(2_000, 8_000);
        Step first = steps.get(0);
        assertThat(first.due(0)).isEqualTo(7);
        assertThat(first.due(1)).isEqualTo(7 + S / 100);
        assertThat(first.due(1_999)).isEqualTo(7 + 1_999 * (S / 100));
        assertThat(steps.get(1).startNanos()).isEqualTo(7 + 20 * S);
        assertThat(steps.get(1).due(4)).isEqualTo(7 + 20 * S + 4 * (S / 400));
    }

    @Test
    void aWarmUpStepAtTheLowestRateComesFirstAndIsMarked() {
        List<Step> steps = ArrivalSchedule.steps(0, List.of(200.0, 100.0), 10, 5);

        assertThat(steps).extracting(Step::warmUp).containsExactly(true, false, false);
        assertThat(steps.get(0).rate()).isEqualTo(100.0);
        assertThat(steps.get(0).requests()).isEqualTo(500);
        assertThat(steps.get(1).startNanos()).isEqualTo(5 * S);
        assertThat(steps.get(1).index()).isZero();
    }
}
