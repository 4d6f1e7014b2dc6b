package org.rushreg.capacity.allocation;

import java.util.List;
import org.rushreg.messages.CapacityDataReported;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.TicketScanned;

/**
 * What one command led to: the outcomes to publish, in order, whether the seats of the event changed (their
 * current numbers come from {@link SeatAllocator#availability} when they are published: under load that is a few
 * times a second, not once per command), how scans of tickets were decided (for the attendance topic), and what the
 * state holds of a person whose access request asked (decision 0050).
 */
public record Decisions(List<RegistrationOutcome> outcomes, boolean seatsChanged, List<TicketScanned> scans,
                        List<CapacityDataReported> reports) {

    public static final Decisions NONE = new Decisions(List.of(), false);

    public Decisions {
        outcomes = List.copyOf(outcomes);
        scans = scans == null ? List.of() : List.copyOf(scans);
        reports = reports == null ? List.of() : List.copyOf(reports);
    }

    public Decisions(List<RegistrationOutcome> outcomes, boolean seatsChanged, List<TicketScanned> scans) {
        this(outcomes, seatsChanged, scans, List.of());
    }

    public Decisions(List<RegistrationOutcome> outcomes, boolean seatsChanged) {
        this(outcomes, seatsChanged, List.of());
    }

    static Decisions scanned(TicketScanned scan) {
        return new Decisions(List.of(), false, List.of(scan));
    }

    static Decisions reported(CapacityDataReported report) {
        return new Decisions(List.of(), false, List.of(), List.of(report));
    }

    public boolean isEmpty() {
        return outcomes.isEmpty() && !seatsChanged && scans.isEmpty() && reports.isEmpty();
    }
}
