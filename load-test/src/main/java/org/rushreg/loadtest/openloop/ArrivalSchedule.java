package org.rushreg.loadtest.openloop;

import java.util.ArrayList;
import java.util.List;

/** Steps of rising rate, one after another without a pause, as arrivals that keep coming. */
public final class ArrivalSchedule {

    private ArrivalSchedule() {
    }

    /**
     * @param warmUpSeconds an unreported first step at the lowest rate, 0 for none
     */
    public static List<Step> steps(long startNanos, List<Double> rates, int stepSeconds, int warmUpSeconds) {
        List<Step> steps = new ArrayList<>();
        long start = startNanos;
        if (warmUpSeconds > 0 && !rates.isEmpty()) {
            double lowest = rates.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            Step warm = new Step(-1, lowest, start, (int) Math.round(lowest * warmUpSeconds), true);
            steps.add(warm);
            start = warm.endNanos();
        }
        for (int i = 0; i < rates.size(); i++) {
            Step step = new Step(i, rates.get(i), start, (int) Math.round(rates.get(i) * stepSeconds), false);
            steps.add(step);
            start = step.endNanos();
        }
        return steps;
    }
}
