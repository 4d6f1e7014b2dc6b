package org.rushreg.capacity.allocation;

import java.util.List;
import org.rushreg.messages.RegistrationOutcome;

/**
 * What one command led to: the outcomes to publish, in order, and whether the seats of the event changed (their
 * current numbers come from {@link SeatAllocator#availability} when they are published: under load that is a few
 * times a second, not once per command).
 */
public record Decisions(List<RegistrationOutcome> outcomes, boolean seatsChanged) {

    public static final Decisions NONE = new Decisions(List.of(), false);

    public Decisions {
        outcomes = List.copyOf(outcomes);
    }

    public boolean isEmpty() {
        return outcomes.isEmpty() && !seatsChanged;
    }
}
