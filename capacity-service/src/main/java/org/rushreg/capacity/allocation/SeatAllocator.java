package org.rushreg.capacity.allocation;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.rushreg.messages.CancelRegistration;
import org.rushreg.messages.CapacityDataReported;
import org.rushreg.messages.ChangeSessions;
import org.rushreg.messages.ConfigureEvent;
import org.rushreg.messages.EmailDigest;
import org.rushreg.messages.ErasePerson;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.EventSummary;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.Registrant;
import org.rushreg.messages.RegisterAttendee;
import org.rushreg.messages.RegistrationCancelled;
import org.rushreg.messages.RegistrationCommand;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationErased;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.RegistrationPromoted;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.RejectionReason;
import org.rushreg.messages.RegistrationHeld;
import org.rushreg.messages.RegistrationHoldExpired;
import org.rushreg.messages.ReleaseNoShows;
import org.rushreg.messages.ReportPersonalData;
import org.rushreg.messages.OrganiserMessageAddressed;
import org.rushreg.messages.ScanTicket;
import org.rushreg.messages.SendOrganiserMessage;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SeatAvailability;
import org.rushreg.messages.SessionCancelledByOrganiser;
import org.rushreg.messages.SessionChangedByOrganiser;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionSeats;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.SessionsChanged;
import org.rushreg.messages.VerifyEmail;
import org.rushreg.capacity.allocation.RegistrationRecord.Seat;

/**
 * Decides the commands of events, one at a time, in the order of each event's log (the rules of DESIGN.md §4).
 * It touches only the ledger entries of the event, sessions and registrations a command names, so a command costs
 * the same whether the event has ten registrations or twenty thousand.
 *
 * <p>Message ids of the outcomes are derived from the command's id, so deciding the same command from the same
 * state again yields the same messages (a downstream reader can recognise a repeat by its id).
 */
public final class SeatAllocator {

    private final Ledger ledger;
    private final EmailDigest emails;
    private final Admissions admissions;

    /** @param emails what the ledger keeps of an address (a keyed digest, never the address itself) */
    public SeatAllocator(Ledger ledger, EmailDigest emails) {
        this.ledger = ledger;
        this.emails = emails;
        this.admissions = new Admissions(ledger);
    }

    /** Applies one command; {@code now} stamps the messages it produces. */
    public Decisions apply(RegistrationCommand command, Instant now) {
        if (command instanceof ConfigureEvent configure) {
            return configure(configure, now);
        }
        if (command instanceof RegisterAttendee register) {
            return register(register, now);
        }
        if (command instanceof CancelRegistration cancel) {
            return cancel(cancel, now);
        }
        if (command instanceof ChangeSessions change) {
            return change(change, now);
        }
        if (command instanceof ScanTicket scan) {
            return admissions.decide(scan, now);
        }
        if (command instanceof ErasePerson erase) {
            return erase(erase, now);
        }
        if (command instanceof ReleaseNoShows release) {
            return releaseNoShows(release, now);
        }
        if (command instanceof VerifyEmail verify) {
            return verify(verify, now);
        }
        if (command instanceof SendOrganiserMessage message) {
            return address(message, now);
        }
        if (command instanceof ReportPersonalData report) {
            return Decisions.reported(report(report, now));
        }
        throw new IllegalArgumentException("Unknown command " + command.getClass().getName());
    }

    private Decisions configure(ConfigureEvent command, Instant now) {
        String eventId = command.eventId();
        EventDefinition definition = command.event();
        if (definition == null || ledger.event(eventId).filter(definition::equals).isPresent()) {
            return Decisions.NONE;
        }
        Optional<EventDefinition> before = ledger.event(eventId);
        ledger.putEvent(eventId, definition);
        Step step = new Step(command.messageId(), eventId, definition, now);
        before.ifPresent(previous -> {
            cancelSessions(step, previous, definition);
            tellOfChangedSessions(step, previous, definition);
        });
        for (SessionDefinition session : definition.sessions()) {
            if (session.offered()) {
                promoteWhileSeatsFree(step, session);
            }
        }
        return step.decisions(true);
    }

    /**
     * Sessions the new definition cancels (decision 0036): every seat and waitlist place in them is given back and
     * nobody is promoted into them; each registration that held one is told once per session (the message id is
     * derived from the command, the session and the registration). A registration left with neither a seat nor a
     * waitlist place is cancelled, as a cancellation would (its address may register again). Its other sessions are
     * untouched. A session offered again later gives nobody their place back: it takes registrations anew.
     */
    private void cancelSessions(Step step, EventDefinition before, EventDefinition after) {
        Set<String> offeredBefore = before.sessions().stream().filter(SessionDefinition::offered)
                .map(SessionDefinition::id).collect(Collectors.toSet());
        Set<String> cancelled = after.sessions().stream()
                .filter(s -> !s.offered() && offeredBefore.contains(s.id()))
                .map(SessionDefinition::id).collect(Collectors.toSet());
        if (cancelled.isEmpty()) {
            return;
        }
        String eventId = step.eventId;
        for (RegistrationRecord registration : List.copyOf(ledger.registrations(eventId))) {
            if (!registration.active() || registration.sessions().stream()
                    .noneMatch(seat -> cancelled.contains(seat.sessionId()) && holds(seat))) {
                continue;
            }
            List<Seat> seats = new ArrayList<>();
            List<Seat> given = new ArrayList<>();
            for (Seat seat : registration.sessions()) {
                if (cancelled.contains(seat.sessionId()) && holds(seat)) {
                    given.add(seat);
                    seats.add(new Seat(seat.sessionId(), SessionStatus.CANCELLED, null));
                } else {
                    seats.add(seat);
                }
            }
            giveBack(eventId, given);
            RegistrationStatus status = keepWithSeats(step, registration, seats);
            List<SessionOutcome> outcomes = step.sessionOutcomes(seats);
            for (Seat seat : given) {
                step.outcomes.add(new SessionCancelledByOrganiser(
                        step.messageId("session-cancelled-by-organiser", seat.sessionId(),
                                registration.registrationId()),
                        step.now, Schema.VERSION, registration.registrationId(), eventId, step.commandId, status,
                        step.outcome(seat.sessionId(), SessionStatus.CANCELLED, null), seat.status(), outcomes,
                        step.summary()));
            }
        }
    }

    /**
     * Every registration holding a seat in, or waiting for, a session whose time or place the new definition changed
     * is told, once per session: the message id is derived from the command, the session and the registration.
     */
    private void tellOfChangedSessions(Step step, EventDefinition before, EventDefinition after) {
        boolean placeChanged = !Objects.equals(before.venue(), after.venue())
                || !Objects.equals(before.venueAddress(), after.venueAddress())
                || !Objects.equals(before.timeZone(), after.timeZone());
        Map<String, SessionDefinition> old = new HashMap<>();
        before.sessions().forEach(s -> old.put(s.id(), s));
        List<String> changed = after.sessions().stream()
                .filter(s -> old.containsKey(s.id()) && s.offered())
                .filter(s -> placeChanged || !Objects.equals(old.get(s.id()).startsAt(), s.startsAt())
                        || !Objects.equals(old.get(s.id()).endsAt(), s.endsAt()))
                .map(SessionDefinition::id)
                .toList();
        if (changed.isEmpty()) {
            return;
        }
        for (RegistrationRecord registration : ledger.registrations(step.eventId)) {
            for (Seat seat : registration.sessions()) {
                if (!changed.contains(seat.sessionId()) || (seat.status() != SessionStatus.CONFIRMED
                        && seat.status() != SessionStatus.WAITLISTED)) {
                    continue;
                }
                List<SessionOutcome> sessions = registration.sessions().stream()
                        .map(s -> step.outcome(s.sessionId(), s.status(), currentPosition(step.eventId, s)))
                        .toList();
                step.outcomes.add(new SessionChangedByOrganiser(
                        step.messageId("session-changed-by-organiser", seat.sessionId(),
                                registration.registrationId()),
                        step.now, Schema.VERSION, registration.registrationId(), step.eventId, step.commandId,
                        registration.status(),
                        step.outcome(seat.sessionId(), seat.status(), currentPosition(step.eventId, seat)), sessions,
                        step.summary(), before(old.get(seat.sessionId()), seat), EventSummary.of(before)));
            }
        }
    }

    /**
     * An organiser's message (decision 0042) reaches every registration CONFIRMED in the event, or in the message's
     * session, at this point of the event's log: not one held for email verification (its address is not verified),
     * waitlisted, cancelled or rejected. Each registration is addressed once per command: the command's id is kept
     * among the record's answered commands, so a redelivered command finds it and addresses nobody again; the message
     * id is derived from the command and the registration. Seats do not change.
     */
    private Decisions address(SendOrganiserMessage command, Instant now) {
        String eventId = command.eventId();
        Optional<EventDefinition> known = ledger.event(eventId);
        if (known.isEmpty()) {
            return Decisions.NONE;
        }
        Step step = new Step(command.messageId(), eventId, known.get(), now);
        String sessionId = command.sessionId();
        for (RegistrationRecord registration : ledger.registrations(eventId)) {
            if (!addressedBy(registration, sessionId) || registration.changeIds().contains(command.messageId())) {
                continue;
            }
            ledger.putRegistration(eventId, registration.withChangeAnswered(command.messageId()));
            step.outcomes.add(new OrganiserMessageAddressed(
                    step.messageId("organiser-message", registration.registrationId()), now, Schema.VERSION,
                    registration.registrationId(), eventId, command.messageId(), command.organiserMessageId(),
                    sessionId, registration.status(), step.sessionOutcomes(registration.sessions()), step.summary(),
                    command.subjectPl(), command.bodyPl(), command.subjectEn(), command.bodyEn()));
        }
        return step.decisions(false);
    }

    /** Confirmed in the session, or anywhere in the event when {@code sessionId} is null, and not held. */
    private static boolean addressedBy(RegistrationRecord registration, String sessionId) {
        if (registration.status() != RegistrationStatus.CONFIRMED || registration.held()) {
            return false;
        }
        return sessionId == null || registration.sessions().stream()
                .anyMatch(seat -> seat.sessionId().equals(sessionId) && seat.status() == SessionStatus.CONFIRMED);
    }

    /** A session as it was before an organiser's change, with the registration's state in it. */
    private static SessionOutcome before(SessionDefinition session, Seat seat) {
        return new SessionOutcome(session.id(), session.title(), session.startsAt(), session.endsAt(), seat.status(),
                null, session.titles());
    }

    private Decisions register(RegisterAttendee command, Instant now) {
        String eventId = command.eventId();
        String registrationId = command.registrationId();
        if (registrationId == null || ledger.registration(eventId, registrationId).isPresent()) {
            return Decisions.NONE;
        }
        List<String> asked = distinct(command.sessionIds());
        Optional<EventDefinition> known = ledger.event(eventId);
        Step step = new Step(command.messageId(), eventId, known.orElse(null), now);
        Optional<RejectionReason> refusal = sessionsRefusal(known, step, command.createdAt(), asked);
        if (refusal.isPresent()) {
            return reject(command, step, asked, refusal.get());
        }
        String emailHash = emails.of(eventId, command.registrant() == null ? null : command.registrant().email());
        if (ledger.activeRegistrationOf(eventId, emailHash).isPresent()) {
            return reject(command, step, asked, RejectionReason.ALREADY_REGISTERED);
        }

        List<Seat> seats = asked.stream().map(sessionId -> take(step, registrationId, sessionId)).toList();
        RegistrationStatus status = overallStatus(seats);
        if (status == RegistrationStatus.REJECTED) {
            ledger.putRegistration(eventId, new RegistrationRecord(registrationId, status, RejectionReason.FULL,
                    null, seats));
            step.outcomes.add(decided(command, step, status, RejectionReason.FULL, step.sessionOutcomes(seats)));
            return step.decisions(false);
        }
        Instant heldUntil = known.get().verificationHoldUntil(now);
        ledger.putRegistration(eventId, new RegistrationRecord(registrationId, status, null, emailHash, seats,
                List.of(), null, heldUntil));
        ledger.putActiveRegistration(eventId, emailHash, registrationId);
        if (heldUntil == null) {
            step.outcomes.add(decided(command, step, status, null, step.sessionOutcomes(seats)));
        } else {
            ledger.putHold(new Hold(eventId, registrationId, heldUntil));
            step.outcomes.add(new RegistrationHeld(step.messageId("held", registrationId), now, Schema.VERSION,
                    registrationId, eventId, command.messageId(), command.createdAt(), status,
                    step.sessionOutcomes(seats), heldUntil, step.summary(), recipient(command)));
        }
        return step.decisions(true);
    }

    private Decisions reject(RegisterAttendee command, Step step, List<String> asked, RejectionReason reason) {
        List<Seat> seats = asked.stream().map(id -> new Seat(id, SessionStatus.REJECTED, null)).toList();
        ledger.putRegistration(command.eventId(),
                new RegistrationRecord(command.registrationId(), RegistrationStatus.REJECTED, reason, null, seats));
        List<SessionOutcome> outcomes = asked.stream()
                .map(id -> step.outcome(id, SessionStatus.REJECTED, null)).toList();
        step.outcomes.add(decided(command, step, RegistrationStatus.REJECTED, reason, outcomes));
        return step.decisions(false);
    }

    private RegistrationDecided decided(RegisterAttendee command, Step step, RegistrationStatus status,
                                        RejectionReason reason, List<SessionOutcome> sessions) {
        return new RegistrationDecided(step.messageId("decided", command.registrationId()), step.now,
                Schema.VERSION, command.registrationId(), command.eventId(), command.messageId(),
                command.createdAt(), status, reason, sessions, step.summary(), recipient(command));
    }

    private static Recipient recipient(RegisterAttendee command) {
        Registrant registrant = command.registrant();
        return registrant == null
                ? new Recipient(null, null, null, command.locale())
                : new Recipient(registrant.firstName(), registrant.lastName(), registrant.email(), command.locale());
    }

    /**
     * The link in the email was followed (decision 0030): a registration still held, asked before its deadline (at
     * the command's time), is decided with what it holds now ({@link RegistrationDecided} without a recipient: the
     * {@link RegistrationHeld} carried it). A hold whose deadline has passed is expired here as the clock would
     * expire it, so the answer does not depend on whether the clock came first. Anything else (unknown, verified
     * already, cancelled, expired) changes nothing.
     */
    private Decisions verify(VerifyEmail command, Instant now) {
        String eventId = command.eventId();
        Optional<RegistrationRecord> found = ledger.registration(eventId, command.registrationId())
                .filter(RegistrationRecord::held);
        if (found.isEmpty()) {
            return Decisions.NONE;
        }
        RegistrationRecord registration = found.get();
        Instant asked = command.createdAt() != null ? command.createdAt() : now;
        if (!asked.isBefore(registration.heldUntil())) {
            return expire(eventId, registration, now);
        }
        Step step = new Step(command.messageId(), eventId, ledger.event(eventId).orElse(null), now);
        ledger.putRegistration(eventId, registration.verified());
        ledger.removeHold(eventId, registration.registrationId());
        step.outcomes.add(new RegistrationDecided(step.messageId("decided", registration.registrationId()), now,
                Schema.VERSION, registration.registrationId(), eventId, command.messageId(), command.createdAt(),
                registration.status(), null, step.sessionOutcomes(registration.sessions()), step.summary(), null));
        return step.decisions(false);
    }

    /**
     * Keeps a registration with the seats left to it after some were taken away by the organiser: a registration left
     * with no place at all is cancelled and its address may register again. Returns its status.
     */
    private RegistrationStatus keepWithSeats(Step step, RegistrationRecord registration, List<Seat> seats) {
        RegistrationStatus status = overallStatus(seats);
        if (status != RegistrationStatus.REJECTED) {
            ledger.putRegistration(step.eventId, registration.withSeats(status, seats));
            return status;
        }
        ledger.putRegistration(step.eventId, new RegistrationRecord(registration.registrationId(),
                RegistrationStatus.CANCELLED, null, registration.emailHash(), seats, registration.changeIds(), step.now,
                null));
        forget(step.eventId, registration);
        return RegistrationStatus.CANCELLED;
    }

    /** True while some registration holds seats waiting for its email to be verified (a clock has work to do). */
    public boolean holdsPending() {
        return ledger.hasHolds();
    }

    /**
     * Releases every hold whose deadline is at or before {@code now}, earliest first, as a cancellation would (the
     * waitlists move up): the clock of the single writer calls this (decision 0030). Each hold is expired once: its
     * record then is CANCELLED and holds nothing, so calling this again, or replaying it, finds nothing more.
     */
    public Decisions expireHolds(Instant now) {
        List<RegistrationOutcome> outcomes = new ArrayList<>();
        boolean seatsChanged = false;
        for (Hold hold : ledger.holdsDue(now)) {
            Optional<RegistrationRecord> held = ledger.registration(hold.eventId(), hold.registrationId())
                    .filter(RegistrationRecord::held);
            if (held.isEmpty()) {
                ledger.removeHold(hold.eventId(), hold.registrationId());
                continue;
            }
            Decisions expired = expire(hold.eventId(), held.get(), now);
            outcomes.addAll(expired.outcomes());
            seatsChanged |= expired.seatsChanged();
        }
        return new Decisions(outcomes, seatsChanged);
    }

    /** The ids of what an expiry leads to follow from the registration alone: it is expired at most once. */
    private Decisions expire(String eventId, RegistrationRecord registration, Instant now) {
        String expiryId = Digests.nameUuid("hold-expired|" + eventId + "|" + registration.registrationId())
                .toString();
        Step step = new Step(expiryId, eventId, ledger.event(eventId).orElse(null), now);
        RegistrationRecord expired = registration.cancelled(now);
        List<String> freed = giveBack(eventId, registration.sessions());
        ledger.putRegistration(eventId, expired);
        forget(eventId, registration);
        step.outcomes.add(new RegistrationHoldExpired(step.messageId("hold-expired", registration.registrationId()),
                now, Schema.VERSION, registration.registrationId(), eventId, registration.heldUntil(),
                step.sessionOutcomes(expired.sessions()), step.summary()));
        promoteIntoFreedSeats(step, freed);
        return step.decisions(true);
    }

    /**
     * Erases a person on their request (decision 0027): each of their registrations still active is cancelled first,
     * exactly as a {@link CancelRegistration} would (its freed seats promote the heads of the waitlists), then its
     * record forgets the email digest, the one thing here that pointed to the person; the record itself stays, so a
     * replayed command of the registration is still not decided again. Each registration gets a
     * {@link RegistrationErased} after its cancellation, on the same key, so every reader forgets it in order. A
     * repeated command changes nothing more and announces the same messages again (same ids).
     */
    private Decisions erase(ErasePerson command, Instant now) {
        String eventId = command.eventId();
        List<RegistrationOutcome> outcomes = new ArrayList<>();
        boolean seatsChanged = false;
        for (String registrationId : command.registrationIds().stream().distinct().toList()) {
            Decisions cancelled = cancel(new CancelRegistration(
                    command.messageId() == null ? null : Digests.nameUuid(command.messageId() + "|cancel|"
                            + registrationId).toString(),
                    command.createdAt(), Schema.VERSION, eventId, registrationId), now);
            outcomes.addAll(cancelled.outcomes());
            seatsChanged |= cancelled.seatsChanged();
            ledger.registration(eventId, registrationId)
                    .filter(record -> record.emailHash() != null)
                    .ifPresent(record -> ledger.putRegistration(eventId, record.withoutEmailHash()));
            String messageId = command.messageId() == null ? Schema.newMessageId()
                    : Digests.nameUuid(command.messageId() + "|erased|" + registrationId).toString();
            outcomes.add(new RegistrationErased(messageId, now, Schema.VERSION, registrationId, eventId,
                    command.erasureId(), List.of()));
        }
        return new Decisions(outcomes, seatsChanged);
    }

    /**
     * What the state holds of the registrations of an access request (decision 0050): each record's status, seats and
     * email digest, in the order asked, leaving out ids it does not know, sealed for the request's public key (checked
     * by {@link CommandCheck}). Reads only; the message id is derived from the command's, so a repeated command answers
     * with the same message id.
     */
    private CapacityDataReported report(ReportPersonalData command, Instant now) {
        String eventId = command.eventId();
        List<CapacityDataReported.HeldRegistration> held = command.registrationIds().stream().distinct()
                .map(id -> ledger.registration(eventId, id)).flatMap(Optional::stream)
                .map(record -> new CapacityDataReported.HeldRegistration(record.registrationId(), record.status(),
                        record.reason(), record.emailHash(), record.sessions().stream()
                                .map(seat -> new CapacityDataReported.HeldSeat(seat.sessionId(), seat.status(),
                                        seat.waitlistPlace()))
                                .toList(), record.cancelledAt(), record.heldUntil()))
                .toList();
        String messageId = command.messageId() == null ? Schema.newMessageId()
                : Digests.nameUuid(command.messageId() + "|reported").toString();
        return CapacityDataReported.seal(messageId, now, command.requestId(), eventId,
                new CapacityDataReported.Held(held), command.publicKey());
    }

    /**
     * Forgets the people of an event whose retention is over (decision 0039): each of its records loses its email
     * digest, the one thing here that pointed to a person, as an erasure does; the records stay (a replayed command is
     * still decided once) and no seat changes. The number of records that forgot one; a repeat forgets none.
     */
    public int forgetEvent(String eventId) {
        int forgotten = 0;
        for (RegistrationRecord registration : ledger.registrations(eventId)) {
            if (registration.emailHash() != null) {
                if (ledger.activeRegistrationOf(eventId, registration.emailHash())
                        .filter(registration.registrationId()::equals).isPresent()) {
                    ledger.removeActiveRegistration(eventId, registration.emailHash());
                }
                ledger.putRegistration(eventId, registration.withoutEmailHash());
                forgotten++;
            }
        }
        return forgotten;
    }

    private Decisions cancel(CancelRegistration command, Instant now) {
        String eventId = command.eventId();
        Optional<RegistrationRecord> found = command.registrationId() == null
                ? Optional.empty() : ledger.registration(eventId, command.registrationId());
        if (found.isEmpty() || !found.get().active()) {
            return Decisions.NONE;
        }
        RegistrationRecord registration = found.get();
        Step step = new Step(command.messageId(), eventId, ledger.event(eventId).orElse(null), now);
        RegistrationRecord cancelled = registration.cancelled(now);
        List<String> freed = giveBack(eventId, registration.sessions());
        ledger.putRegistration(eventId, cancelled);
        forget(eventId, registration);
        step.outcomes.add(new RegistrationCancelled(step.messageId("cancelled", registration.registrationId()),
                now, Schema.VERSION, registration.registrationId(), eventId,
                step.sessionOutcomes(cancelled.sessions()), step.summary()));
        promoteIntoFreedSeats(step, freed);
        return step.decisions(true);
    }

    /**
     * Seats of sessions still asked for are kept as they are (a waitlist place keeps its place); the seats of
     * sessions no longer asked for are given back at once, promoting the head of their waitlists; sessions asked
     * for anew are decided as for a new registration. Refused, changing nothing, when the registration is unknown
     * or no longer active, outside the registration window, for unknown or overlapping sessions, and when it would
     * leave the registration without any seat or waitlist place (FULL).
     */
    private Decisions change(ChangeSessions command, Instant now) {
        String eventId = command.eventId();
        String registrationId = command.registrationId();
        Optional<EventDefinition> known = ledger.event(eventId);
        Step step = new Step(command.messageId(), eventId, known.orElse(null), now);
        Optional<RegistrationRecord> found = ledger.registration(eventId, registrationId);
        if (found.isEmpty()) {
            // Nothing to remember it by: a repeat gets the same answer again, under the same message id.
            step.outcomes.add(changeRefused(command, step, null, RejectionReason.UNKNOWN_REGISTRATION));
            return step.decisions(false);
        }
        RegistrationRecord registration = found.get();
        if (command.messageId() != null && registration.changeIds().contains(command.messageId())) {
            return Decisions.NONE;
        }
        RegistrationRecord answered = command.messageId() == null
                ? registration : registration.withChangeAnswered(command.messageId());
        Optional<RejectionReason> refusal = changeRefusal(command, registration, step, known);
        if (refusal.isPresent()) {
            ledger.putRegistration(eventId, answered);
            step.outcomes.add(changeRefused(command, step, registration, refusal.get()));
            return step.decisions(false);
        }

        List<String> asked = distinct(command.sessionIds());
        Map<String, Seat> held = new LinkedHashMap<>();
        for (Seat seat : registration.sessions()) {
            if (holds(seat)) {
                held.put(seat.sessionId(), seat);
            }
        }
        boolean keepsSomething = asked.stream()
                .anyMatch(id -> held.containsKey(id) || canTake(step, id));
        if (!keepsSomething) {
            ledger.putRegistration(eventId, answered);
            step.outcomes.add(changeRefused(command, step, registration, RejectionReason.FULL));
            return step.decisions(false);
        }

        List<Seat> dropped = held.values().stream().filter(seat -> !asked.contains(seat.sessionId())).toList();
        List<String> freed = giveBack(eventId, dropped);
        List<SessionOutcome> released = dropped.stream()
                .map(seat -> step.outcome(seat.sessionId(), SessionStatus.CANCELLED, null)).toList();
        List<Seat> seats = asked.stream()
                .map(sessionId -> held.containsKey(sessionId) ? held.get(sessionId)
                        : take(step, registrationId, sessionId))
                .toList();
        RegistrationStatus status = overallStatus(seats);
        ledger.putRegistration(eventId, answered.withSeats(status, seats));
        step.outcomes.add(new SessionsChanged(step.messageId("sessions-changed", registrationId), now,
                Schema.VERSION, registrationId, eventId, command.messageId(), status, null, step.sessionOutcomes(seats),
                released, step.summary()));
        promoteIntoFreedSeats(step, freed);
        return step.decisions(true);
    }

    /**
     * The no-show release of a session (decision 0029). Refused, changing nothing, for an unknown event or session,
     * when the event does not release no-shows, and before its minutes after the session's start (at the command's
     * time). Otherwise the waitlisted people of the session who have arrived (at the entrance, or admitted at any
     * door) are taken in waitlist order; for each, while the session is full, a no-show (a confirmed holder of the
     * session scanned nowhere, in the order of registration ids) gives the seat back as a change of sessions would,
     * and when a seat is free the arrived person is promoted into it. It stops when no arrived person waits or no
     * seat can be freed: a no-show keeps the seat when nobody who arrived is waiting for it. Applying it again at
     * once changes nothing; applying it later releases for the people who arrived meanwhile.
     */
    private Decisions releaseNoShows(ReleaseNoShows command, Instant now) {
        String eventId = command.eventId();
        Optional<EventDefinition> known = ledger.event(eventId);
        Step step = new Step(command.messageId(), eventId, known.orElse(null), now);
        Optional<SessionDefinition> found = step.session(command.sessionId());
        if (known.isEmpty() || found.isEmpty() || !found.get().offered()) {
            return Decisions.NONE;
        }
        SessionDefinition session = found.get();
        Instant from = known.get().noShowReleaseFrom(session);
        Instant asked = command.createdAt() != null ? command.createdAt() : now;
        if (from == null || asked.isBefore(from)) {
            return Decisions.NONE;
        }
        String sessionId = session.id();
        List<Seat> arrived = new ArrayList<>();
        Map<Long, String> waiting = new LinkedHashMap<>();
        Deque<RegistrationRecord> noShows = new ArrayDeque<>();
        for (RegistrationRecord registration : ledger.registrations(eventId)) {
            if (!registration.active()) {
                continue;
            }
            Optional<Seat> seat = registration.sessions().stream()
                    .filter(s -> s.sessionId().equals(sessionId)).findFirst();
            if (seat.isEmpty()) {
                continue;
            }
            boolean present = ledger.attendance(eventId, registration.registrationId())
                    .map(Attendance::present).orElse(false);
            if (seat.get().status() == SessionStatus.WAITLISTED && seat.get().waitlistPlace() != null && present) {
                arrived.add(seat.get());
                waiting.put(seat.get().waitlistPlace(), registration.registrationId());
            } else if (seat.get().status() == SessionStatus.CONFIRMED && !present) {
                noShows.add(registration);
            }
        }
        arrived.sort(Comparator.comparing(Seat::waitlistPlace));
        boolean changed = false;
        for (Seat place : arrived) {
            SessionTally tally = ledger.tally(eventId, sessionId);
            while (tally.confirmed() >= session.capacity() && !noShows.isEmpty()) {
                releaseNoShow(step, command, noShows.poll(), sessionId);
                changed = true;
                tally = ledger.tally(eventId, sessionId);
            }
            if (tally.confirmed() >= session.capacity()) {
                break;
            }
            promote(step, waiting.get(place.waitlistPlace()), sessionId, place.waitlistPlace());
            changed = true;
        }
        return changed ? step.decisions(true) : Decisions.NONE;
    }

    /**
     * A no-show gives back its seat in a session: the seat stays in the record as CANCELLED (so the person's manage
     * page shows it given back); without any seat or waitlist place left the registration is cancelled, as a
     * cancellation would (its email free again). Answered by a {@link SessionsChanged} naming the release.
     */
    private void releaseNoShow(Step step, ReleaseNoShows command, RegistrationRecord registration,
                               String sessionId) {
        String eventId = step.eventId;
        List<Seat> seats = new ArrayList<>();
        for (Seat seat : registration.sessions()) {
            if (seat.sessionId().equals(sessionId)) {
                giveBack(eventId, List.of(seat));
                seats.add(new Seat(sessionId, SessionStatus.CANCELLED, null));
            } else {
                seats.add(seat);
            }
        }
        RegistrationStatus status = keepWithSeats(step, registration, seats);
        step.outcomes.add(new SessionsChanged(step.messageId("no-show-released", registration.registrationId()),
                step.now, Schema.VERSION, registration.registrationId(), eventId, command.messageId(), status, null,
                step.sessionOutcomes(seats), List.of(step.outcome(sessionId, SessionStatus.CANCELLED, null)),
                step.summary()));
    }

    private Optional<RejectionReason> changeRefusal(ChangeSessions command, RegistrationRecord registration,
                                                    Step step, Optional<EventDefinition> known) {
        if (!registration.active()) {
            return Optional.of(RejectionReason.REGISTRATION_NOT_ACTIVE);
        }
        return sessionsRefusal(known, step, command.createdAt(), distinct(command.sessionIds()));
    }

    /**
     * Why the sessions asked for cannot be had, whether by a new registration or by a change: the event unknown,
     * its registration window closed at the request's time, a session unknown or none asked, or two that overlap.
     */
    private static Optional<RejectionReason> sessionsRefusal(Optional<EventDefinition> known, Step step,
                                                             Instant createdAt, List<String> asked) {
        if (known.isEmpty()) {
            return Optional.of(RejectionReason.UNKNOWN_SESSION);
        }
        if (!known.get().registrationOpenAt(createdAt != null ? createdAt : step.now)) {
            return Optional.of(RejectionReason.REGISTRATION_CLOSED);
        }
        List<SessionDefinition> sessions = new ArrayList<>();
        for (String sessionId : asked) {
            Optional<SessionDefinition> session = step.session(sessionId);
            // A cancelled session is no longer on offer (decision 0036).
            if (session.isEmpty() || !session.get().offered()) {
                return Optional.of(RejectionReason.UNKNOWN_SESSION);
            }
            sessions.add(session.get());
        }
        if (sessions.isEmpty()) {
            return Optional.of(RejectionReason.UNKNOWN_SESSION);
        }
        return anyOverlap(sessions) ? Optional.of(RejectionReason.OVERLAPPING_SESSIONS) : Optional.empty();
    }

    /**
     * Gives back the seats and waitlist places among {@code seats}; returns the sessions where a seat was freed (so
     * their waitlists may move up).
     */
    private List<String> giveBack(String eventId, List<Seat> seats) {
        List<String> freed = new ArrayList<>();
        for (Seat seat : seats) {
            SessionTally tally = ledger.tally(eventId, seat.sessionId());
            if (seat.status() == SessionStatus.CONFIRMED) {
                ledger.putTally(eventId, seat.sessionId(), tally.withConfirmed(Math.max(0, tally.confirmed() - 1)));
                freed.add(seat.sessionId());
            } else if (seat.status() == SessionStatus.WAITLISTED && seat.waitlistPlace() != null) {
                ledger.removeWaitlistEntry(eventId, seat.sessionId(), seat.waitlistPlace());
                ledger.putTally(eventId, seat.sessionId(),
                        tally.withWaitlisted(Math.max(0, tally.waitlisted() - 1)));
            }
        }
        return freed;
    }

    /**
     * A registration that no longer holds anything: its address may register again, and its hold (if it was held)
     * is gone.
     */
    private void forget(String eventId, RegistrationRecord registration) {
        if (registration.emailHash() != null && ledger.activeRegistrationOf(eventId, registration.emailHash())
                .filter(registration.registrationId()::equals).isPresent()) {
            ledger.removeActiveRegistration(eventId, registration.emailHash());
        }
        if (registration.held()) {
            ledger.removeHold(eventId, registration.registrationId());
        }
    }

    /** Whether a session asked for anew would give a seat or a waitlist place. */
    private boolean canTake(Step step, String sessionId) {
        int capacity = step.session(sessionId).orElseThrow().capacity();
        return step.definition.waitlistEnabled() || ledger.tally(step.eventId, sessionId).confirmed() < capacity;
    }

    /** A session asked for anew: a seat while seats remain, else a waitlist place or nothing. */
    private Seat take(Step step, String registrationId, String sessionId) {
        String eventId = step.eventId;
        SessionDefinition session = step.session(sessionId).orElseThrow();
        SessionTally tally = ledger.tally(eventId, sessionId);
        if (tally.confirmed() < session.capacity()) {
            ledger.putTally(eventId, sessionId, tally.withConfirmed(tally.confirmed() + 1));
            return new Seat(sessionId, SessionStatus.CONFIRMED, null);
        }
        if (step.definition.waitlistEnabled()) {
            long place = tally.waitlistTail();
            ledger.putWaitlistEntry(eventId, sessionId, place, registrationId);
            ledger.putTally(eventId, sessionId,
                    tally.withWaitlistTail(place + 1).withWaitlisted(tally.waitlisted() + 1));
            return new Seat(sessionId, SessionStatus.WAITLISTED, place);
        }
        return new Seat(sessionId, SessionStatus.REJECTED, null);
    }

    private SessionsChanged changeRefused(ChangeSessions command, Step step, RegistrationRecord registration,
                                          RejectionReason reason) {
        List<SessionOutcome> sessions = registration == null
                ? List.of() : step.sessionOutcomes(registration.sessions());
        return new SessionsChanged(step.messageId("sessions-changed", command.registrationId()), step.now,
                Schema.VERSION, command.registrationId(), command.eventId(), command.messageId(),
                registration == null ? null : registration.status(), reason, sessions, List.of(), step.summary());
    }

    private void promoteIntoFreedSeats(Step step, List<String> freed) {
        for (String sessionId : freed) {
            step.session(sessionId).ifPresent(session -> promoteWhileSeatsFree(step, session));
        }
    }

    /** Gives free seats of a session to the head of its waitlist, one by one, in FIFO order. */
    private void promoteWhileSeatsFree(Step step, SessionDefinition session) {
        String eventId = step.eventId;
        SessionTally tally = ledger.tally(eventId, session.id());
        while (tally.confirmed() < session.capacity() && tally.waitlisted() > 0) {
            long place = tally.waitlistHead();
            Optional<String> head = Optional.empty();
            while (place < tally.waitlistTail()) {
                head = ledger.waitlistEntry(eventId, session.id(), place);
                if (head.isPresent()) {
                    break;
                }
                place++; // a place given up by a cancellation
            }
            if (head.isEmpty()) {
                // The count says someone waits but no place is occupied: trust the places.
                ledger.putTally(eventId, session.id(), tally.withWaitlisted(0).withWaitlistHead(place));
                return;
            }
            ledger.putTally(eventId, session.id(), tally.withWaitlistHead(place + 1));
            promote(step, head.get(), session.id(), place);
            tally = ledger.tally(eventId, session.id());
        }
    }

    /** Moves the registration waiting at {@code place} of a session into a seat of it, and says so. */
    private void promote(Step step, String registrationId, String sessionId, long place) {
        SessionTally tally = ledger.tally(step.eventId, sessionId);
        ledger.removeWaitlistEntry(step.eventId, sessionId, place);
        ledger.putTally(step.eventId, sessionId, tally.withConfirmed(tally.confirmed() + 1)
                .withWaitlisted(Math.max(0, tally.waitlisted() - 1)));
        Optional<RegistrationRecord> found = ledger.registration(step.eventId, registrationId);
        if (found.isEmpty()) {
            return;
        }
        RegistrationRecord registration = found.get();
        List<Seat> seats = registration.sessions().stream()
                .map(seat -> seat.sessionId().equals(sessionId)
                        ? new Seat(sessionId, SessionStatus.CONFIRMED, null) : seat)
                .toList();
        RegistrationStatus status = overallStatus(seats);
        ledger.putRegistration(step.eventId, registration.withSeats(status, seats));
        step.outcomes.add(new RegistrationPromoted(step.messageId("promoted", registrationId, sessionId), step.now,
                Schema.VERSION, registrationId, step.eventId, sessionId, status, step.sessionOutcomes(seats),
                step.summary()));
    }

    /**
     * The place of a still-waitlisted seat counted from the head of the waitlist. Exact unless someone ahead gave
     * up their place, then it may overstate by that many; never more than the number waiting.
     */
    private Integer currentPosition(String eventId, Seat seat) {
        if (seat.status() != SessionStatus.WAITLISTED || seat.waitlistPlace() == null) {
            return null;
        }
        SessionTally tally = ledger.tally(eventId, seat.sessionId());
        long fromHead = seat.waitlistPlace() - tally.waitlistHead() + 1;
        return (int) Math.max(1, Math.min(fromHead, tally.waitlisted()));
    }

    /** The seats of an event as they are now; empty for an event never configured. */
    public Optional<SeatAvailability> availability(String eventId, Instant now) {
        return ledger.event(eventId).map(definition -> seatsOf(definition, now));
    }

    private SeatAvailability seatsOf(EventDefinition definition, Instant now) {
        List<SessionSeats> seats = definition.sessions().stream().map(session -> {
            SessionTally tally = ledger.tally(definition.id(), session.id());
            return new SessionSeats(session.id(), session.capacity(), tally.confirmed(), tally.waitlisted());
        }).toList();
        return new SeatAvailability(Schema.newMessageId(), now, Schema.VERSION, definition.id(), now, seats);
    }

    /**
     * CONFIRMED with a seat anywhere, WAITLISTED with a waitlist place and no seat, REJECTED only when nothing was
     * given (DESIGN §5). A place kept through a change after the organiser turned the waitlist off sits beside a
     * session refused as FULL: that registration still holds its place, so it is WAITLISTED, not REJECTED.
     */
    private static RegistrationStatus overallStatus(List<Seat> seats) {
        if (seats.stream().anyMatch(seat -> seat.status() == SessionStatus.CONFIRMED)) {
            return RegistrationStatus.CONFIRMED;
        }
        if (seats.stream().anyMatch(seat -> seat.status() == SessionStatus.WAITLISTED)) {
            return RegistrationStatus.WAITLISTED;
        }
        return RegistrationStatus.REJECTED;
    }

    /** A seat or a waitlist place: what a registration holds and may keep or give back. */
    private static boolean holds(Seat seat) {
        return seat.status() == SessionStatus.CONFIRMED || seat.status() == SessionStatus.WAITLISTED;
    }

    private static List<String> distinct(List<String> sessionIds) {
        return sessionIds.stream().distinct().toList();
    }

    private static boolean anyOverlap(List<SessionDefinition> sessions) {
        for (int i = 0; i < sessions.size(); i++) {
            for (int j = i + 1; j < sessions.size(); j++) {
                SessionDefinition a = sessions.get(i);
                SessionDefinition b = sessions.get(j);
                if (a.startsAt() != null && a.endsAt() != null && b.startsAt() != null && b.endsAt() != null
                        && a.overlaps(b)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The context of one command while it is being applied. */
    private final class Step {

        final String commandId;
        final String eventId;
        final EventDefinition definition;
        final Map<String, SessionDefinition> sessions = new LinkedHashMap<>();
        final Instant now;
        final List<RegistrationOutcome> outcomes = new ArrayList<>();

        Step(String commandId, String eventId, EventDefinition definition, Instant now) {
            this.commandId = commandId;
            this.eventId = eventId;
            this.definition = definition;
            this.now = now;
            if (definition != null) {
                definition.sessions().forEach(session -> sessions.put(session.id(), session));
            }
        }

        Optional<SessionDefinition> session(String sessionId) {
            return Optional.ofNullable(sessions.get(sessionId));
        }

        EventSummary summary() {
            return definition == null ? null : EventSummary.of(definition);
        }

        SessionOutcome outcome(String sessionId, SessionStatus status, Integer waitlistPosition) {
            SessionDefinition session = sessions.get(sessionId);
            return session == null
                    ? new SessionOutcome(sessionId, null, null, null, status, waitlistPosition)
                    : new SessionOutcome(sessionId, session.title(), session.startsAt(), session.endsAt(), status,
                            waitlistPosition, session.titles());
        }

        /** The outcome of each seat as it stands, with the current waitlist position of a place. */
        List<SessionOutcome> sessionOutcomes(List<Seat> seats) {
            return seats.stream()
                    .map(seat -> outcome(seat.sessionId(), seat.status(), currentPosition(eventId, seat)))
                    .toList();
        }

        String messageId(String... parts) {
            if (commandId == null) {
                return Schema.newMessageId();
            }
            String name = commandId + "|" + String.join("|", parts);
            return Digests.nameUuid(name).toString();
        }

        Decisions decisions(boolean seatsChanged) {
            return new Decisions(outcomes, seatsChanged && definition != null);
        }
    }
}
