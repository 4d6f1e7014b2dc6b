package org.rushreg.loadtest.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TimelineTest {

    @Test
    void eachSecondCountsItsAnswersDecisionsAndEmailsAndEmptySecondsAreKept() {
        Timeline timeline = new Timeline();
        timeline.answered(100, 10, true);
        timeline.answered(900, 30, false);
        timeline.answered(2_100, 20, true);
        timeline.decided(2_500);
        timeline.emailed(2_999);

        List<Timeline.Second> seconds = timeline.seconds();

        assertThat(seconds).hasSize(3);
        assertThat(seconds.get(0)).isEqualTo(new Timeline.Second(0, 2, 1, 10, 30, 0, 0));
        assertThat(seconds.get(1).answered()).isZero();
        assertThat(seconds.get(1).p99Millis()).isNaN();
        assertThat(seconds.get(2)).isEqualTo(new Timeline.Second(2, 1, 1, 20, 20, 1, 1));
    }
}
