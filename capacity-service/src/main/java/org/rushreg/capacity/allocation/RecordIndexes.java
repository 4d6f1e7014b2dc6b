package org.rushreg.capacity.allocation;

import org.rushreg.messages.SessionStatus;

/**
 * What a registration record implies for the ledger's lookups: an active record holds its email hash (so the
 * person cannot register twice), each of its WAITLISTED seats holds that place in the session's waitlist, and a
 * held record its hold with the deadline (so the holds are expired after a restart as before it). The
 * allocator keeps both in step with the records it writes, so a ledger can rebuild them from the records alone
 * instead of storing them (decision 0009).
 */
public final class RecordIndexes {

    private RecordIndexes() {
    }

    /** Writes into {@code ledger} the active email, waitlist places and hold that {@code record} implies. */
    public static void addTo(Ledger ledger, String eventId, RegistrationRecord record) {
        if (!record.active()) {
            return;
        }
        if (record.emailHash() != null) {
            ledger.putActiveRegistration(eventId, record.emailHash(), record.registrationId());
        }
        if (record.held()) {
            ledger.putHold(new Hold(eventId, record.registrationId(), record.heldUntil()));
        }
        for (RegistrationRecord.Seat seat : record.sessions()) {
            if (seat.status() == SessionStatus.WAITLISTED && seat.waitlistPlace() != null) {
                ledger.putWaitlistEntry(eventId, seat.sessionId(), seat.waitlistPlace(), record.registrationId());
            }
        }
    }
}
