package org.rushreg.capacity.allocation;

import java.util.List;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.TicketScanned;

/**
 * What one command led to: the outcomes to publish, in order, whether the seats of the event changed (their
 * current numbers come from {@link SeatAllocator#availability} when they are published: under load that is a few
 * times a second, not once per command), and how scans of tickets were decided (for the attendance topic).
 */
public record Decisions(List<RegistrationOutcome> outcomes, boolean seatsChanged, List<TicketScanned> scans) {

    public static final Decisions NONE = new Decisions(List.of(), false);

    public Decisions {
        outcomes = List.copyOf(outcomes);
        scans = scans == null ? List.of() : List.copyOf(scans);
    }

    public Decisions(List<RegistrationOutcome> outcomes, boolean seatsChanged) {
        this(outcomes, seatsChanged, List.of());
    }

    static Decisions scanned(TicketScanned scan) {
        return new Decisions(List.of(), false, List.of(scan));
    }

    public boolean isEmpty() {
        return outcomes.isEmpty() && !seatsChanged && scans.isEmpty();
    }
}
