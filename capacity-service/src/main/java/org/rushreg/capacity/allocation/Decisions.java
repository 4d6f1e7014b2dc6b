package org.rushreg.capacity.allocation;

import java.util.List;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.SeatAvailability;

/**
 * What one command led to: the outcomes to publish, in order, and the seats of the event when they changed
 * ({@code null} when nothing changed).
 */
public record Decisions(List<RegistrationOutcome> outcomes, SeatAvailability availability) {

    public static final Decisions NONE = new Decisions(List.of(), null);

    public Decisions {
        outcomes = List.copyOf(outcomes);
    }

    public boolean isEmpty() {
        return outcomes.isEmpty() && availability == null;
    }
}
