package org.rushreg.capacity.allocation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the doors have seen of one registration: its first admission at each door (the entrance, {@code sessionId}
 * null, or a session's) and the scans already decided, so that a device sending its queue again changes nothing.
 * No personal data: ids and times. {@code arrivedAt} is the first scan at the entrance while the registration was
 * active, whatever it answered: a person only on a waitlist is not admitted there (NOT_CONFIRMED_FOR_SESSION) but
 * has arrived, and may be given a no-show's seat (decision 0029); null before such a scan (and in records written
 * before it was kept).
 */
public record Attendance(List<Admission> admissions, List<String> scanIds, Instant arrivedAt) {

    /**
     * Scans remembered per registration. A device replays a queue of minutes or hours, and every decided scan is
     * also in the registration-service's read model, which answers a replay before it reaches here; the bound keeps a
     * misbehaving device from growing one record without end.
     */
    static final int REMEMBERED_SCANS = 100;

    static final Attendance NONE = new Attendance(List.of(), List.of(), null);

    /** The first admission at a door: the entrance when {@code sessionId} is null. */
    public record Admission(String sessionId, Instant at) {
    }

    public Attendance {
        admissions = admissions == null ? List.of() : List.copyOf(admissions);
        scanIds = scanIds == null ? List.of() : List.copyOf(scanIds);
    }

    public Attendance(List<Admission> admissions, List<String> scanIds) {
        this(admissions, scanIds, null);
    }

    /** At the venue: arrived at the entrance or admitted at any door. */
    boolean present() {
        return arrivedAt != null || !admissions.isEmpty();
    }

    Attendance withArrival(Instant at) {
        return arrivedAt != null ? this : new Attendance(admissions, scanIds, at);
    }

    Optional<Instant> admittedAt(String sessionId) {
        return admissions.stream().filter(a -> Objects.equals(a.sessionId(), sessionId)).map(Admission::at)
                .findFirst();
    }

    boolean decided(String scanId) {
        return scanIds.contains(scanId);
    }

    Attendance withAdmission(String sessionId, Instant at) {
        List<Admission> more = new ArrayList<>(admissions);
        more.add(new Admission(sessionId, at));
        return new Attendance(more, scanIds, arrivedAt);
    }

    Attendance withScan(String scanId) {
        List<String> more = new ArrayList<>(scanIds);
        more.add(scanId);
        return new Attendance(admissions,
                more.size() > REMEMBERED_SCANS ? more.subList(more.size() - REMEMBERED_SCANS, more.size()) : more,
                arrivedAt);
    }
}
