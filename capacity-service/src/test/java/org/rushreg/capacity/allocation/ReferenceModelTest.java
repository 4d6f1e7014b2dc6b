package org.rushreg.capacity.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.rushreg.messages.CancelRegistration;
import org.rushreg.messages.ChangeSessions;
import org.rushreg.messages.ConfigureEvent;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.RegisterAttendee;
import org.rushreg.messages.RegistrationCancelled;
import org.rushreg.messages.RegistrationCommand;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.RegistrationPromoted;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.RejectionReason;
import org.rushreg.messages.ReleaseNoShows;
import org.rushreg.messages.ScanResult;
import org.rushreg.messages.ScanTicket;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.SessionsChanged;
import org.rushreg.messages.TicketScanned;

/**
 * The allocator against a reference model (issue 3): a naive implementation of DESIGN.md §4 written here with
 * lists and maps, driven by the same random commands (configure with capacities going up and down and the
 * waitlist switched on and off, register, cancel, change the sessions of a registration, the same email again in
 * other spelling, the same registration id again, the very same command delivered twice), and scans of tickets at the
 * entrance and at the sessions' doors (decision 0024: a scan id sent again, scans before and after a cancellation,
 * offline scans made long before they arrive), and no-show releases of sessions (decision 0029: before and after the
 * event's minutes after the session's start, with the release on or off, people waiting who have arrived or not).
 * After every command both must have decided the same, and the
 * allocator's counters must match the model's seats and queues. The clock moves a second per command, so that
 * cancellations and scans happen at different times.
 */
class ReferenceModelTest {

    private static final Instant NOW = Instant.parse("2024-09-10T09:00:01Z");
    private static final Instant AFTER_CLOSE = EventFixtures.CLOSES.plusSeconds(3600);
    private static final List<String> SESSION_IDS = List.of("day-1", "day-2", "walk");

    @Property(tries = 300)
    void decidesEveryCommandAsTheReferenceModelDoes(@ForAll("commands") List<RegistrationCommand> commands,
                                                    @ForAll("deliveredTwice") Set<Integer> deliveredTwice) {
        decideAsTheModel(commands, deliveredTwice);
    }

    /**
     * The no-show release where it matters: an event with a waitlist and few seats whose doors are open, people
     * registering, cancelling and arriving (or not) at the entrance and the sessions' doors, and releases asked
     * before and after the minutes, several times over. Some tries must have given seats (a few percent do; the coverage check asks for one).
     */
    @Property(tries = 300)
    void releasesNoShowsAsTheReferenceModelDoes(@ForAll("atTheVenue") List<RegistrationCommand> commands,
                                               @ForAll("deliveredTwice") Set<Integer> deliveredTwice) {
        boolean releasedSeats = decideAsTheModel(commands, deliveredTwice);
        Statistics.label("a no-show release gave seats").collect(releasedSeats);
        Statistics.label("a no-show release gave seats")
                .coverage(coverage -> coverage.check(true).count(tries -> tries >= 1));
    }

    private static boolean decideAsTheModel(List<RegistrationCommand> commands, Set<Integer> deliveredTwice) {
        InMemoryLedger ledger = new InMemoryLedger();
        SeatAllocator allocator = new SeatAllocator(ledger, TestDigests.EMAILS);
        ReferenceModel model = new ReferenceModel();
        Set<String> promotions = new HashSet<>();
        Set<String> admissions = new HashSet<>();
        boolean releasedSeats = false;

        for (int i = 0; i < commands.size(); i++) {
            RegistrationCommand command = commands.get(i);
            Instant now = NOW.plusSeconds(i);
            int deliveries = deliveredTwice.contains(i) ? 2 : 1;
            for (int delivery = 1; delivery <= deliveries; delivery++) {
                Decisions decisions = allocator.apply(command, now);
                List<String> actual = new ArrayList<>();
                decisions.outcomes().forEach(outcome -> actual.add(describe(outcome)));
                decisions.scans().forEach(scan -> actual.add(describe(scan)));
                // The model answers repeats itself (nothing again, except a refused change of an unknown
                // registration or a scan of one, which have nothing to be remembered by and are answered again).
                List<String> expected = model.apply(command, now);
                assertThat(actual).as("outcomes of command %d (%s), delivery %d", i,
                        command.getClass().getSimpleName(), delivery).isEqualTo(expected);
                releasedSeats |= command instanceof ReleaseNoShows && !actual.isEmpty();
                for (String outcome : actual) {
                    if (outcome.startsWith("promoted")) {
                        assertThat(promotions.add(outcome)).as("promoted once: " + outcome).isTrue();
                    }
                }
                for (TicketScanned scan : decisions.scans()) {
                    if (scan.result() == ScanResult.ADMITTED) {
                        assertThat(admissions.add(scan.registrationId() + " at " + scan.sessionId()))
                                .as("admitted once at each door: " + describe(scan)).isTrue();
                    }
                }
                model.assertSameSeatsAs(ledger);
            }
        }
        return releasedSeats;
    }

    /** What both sides must agree on; message ids and times are the allocator's own business. */
    private static String describe(RegistrationOutcome outcome) {
        if (outcome instanceof RegistrationDecided decided) {
            List<String> sessions = decided.sessions().stream().map(ReferenceModelTest::describe).toList();
            return "decided " + decided.registrationId() + " " + decided.status() + " " + decided.reason() + " "
                    + sessions;
        }
        if (outcome instanceof RegistrationPromoted promoted) {
            return "promoted " + promoted.registrationId() + " " + promoted.sessionId() + " " + promoted.status();
        }
        if (outcome instanceof SessionsChanged changed) {
            // Without waitlist positions: a kept place's position is an estimate (see SeatAllocatorTest).
            String registration = "changed " + changed.registrationId() + " " + changed.status() + " "
                    + changed.reason();
            return !changed.applied() ? registration : registration + " "
                    + changed.sessions().stream().map(session -> session.sessionId() + ":" + session.status())
                            .toList()
                    + " released " + changed.released().stream().map(SessionOutcome::sessionId).toList();
        }
        return "cancelled " + ((RegistrationCancelled) outcome).registrationId();
    }

    private static String describe(TicketScanned scan) {
        return describeScan(scan.registrationId(), scan.scanId(), scan.sessionId(), scan.result(), scan.at(),
                scan.conflict());
    }

    private static String describeScan(String registrationId, String scanId, String sessionId, ScanResult result,
                                       Instant at, boolean conflict) {
        return "scanned " + registrationId + " " + scanId + " at " + sessionId + ": " + result + " " + at
                + (conflict ? " conflict" : "");
    }

    private static String describe(SessionOutcome session) {
        return session.sessionId() + ":" + session.status()
                + (session.waitlistPosition() == null ? "" : "#" + session.waitlistPosition());
    }

    /** DESIGN.md §4 the plainest way: a set of seat holders and a FIFO queue per session. */
    private static final class ReferenceModel {

        private EventDefinition event;
        private final Map<String, Set<String>> holders = new HashMap<>();
        private final Map<String, LinkedList<String>> queues = new HashMap<>();
        private final Map<String, Registration> registrations = new HashMap<>();
        private final Map<String, String> activeByEmail = new HashMap<>();
        private final Set<String> answeredChanges = new HashSet<>();
        /** registration id and door (session id, or null for the entrance) → the first admission */
        private final Map<String, Instant> admitted = new HashMap<>();
        /** registration id and scan id of every scan decided */
        private final Set<String> decidedScans = new HashSet<>();
        /** registrations at the venue: scanned at the entrance while active, or admitted at any door */
        private final Set<String> present = new HashSet<>();

        private static final class Registration {
            RegistrationStatus status;
            Instant cancelledAt;
            final String email;
            final Map<String, SessionStatus> seats = new LinkedHashMap<>();

            Registration(String email) {
                this.email = email;
            }

            RegistrationStatus overall() {
                if (seats.containsValue(SessionStatus.CONFIRMED)) {
                    return RegistrationStatus.CONFIRMED;
                }
                // REJECTED only when nothing was given (DESIGN §5)
                return seats.containsValue(SessionStatus.WAITLISTED)
                        ? RegistrationStatus.WAITLISTED : RegistrationStatus.REJECTED;
            }
        }

        List<String> apply(RegistrationCommand command, Instant now) {
            List<String> out = new ArrayList<>();
            if (command instanceof ScanTicket scan) {
                scan(scan, out);
            }
            if (command instanceof ReleaseNoShows release) {
                release(release, now, out);
            }
            if (command instanceof ConfigureEvent configure) {
                if (!configure.event().equals(event)) {
                    event = configure.event();
                    // A raised capacity promotes as many as fit; a lowered one takes no seat back.
                    event.sessions().forEach(session -> promote(session, out));
                }
            } else if (command instanceof RegisterAttendee register) {
                register(register, out);
            } else if (command instanceof CancelRegistration cancel) {
                cancel(cancel, now, out);
            } else if (command instanceof ChangeSessions change) {
                change(change, out);
            }
            return out;
        }

        private void change(ChangeSessions command, List<String> out) {
            String id = command.registrationId();
            Registration registration = registrations.get(id);
            if (registration == null) {
                out.add("changed " + id + " null " + RejectionReason.UNKNOWN_REGISTRATION);
                return;
            }
            if (!answeredChanges.add(command.messageId())) {
                return;
            }
            List<String> asked = new ArrayList<>(new LinkedHashSet<>(command.sessionIds()));
            RejectionReason refusal = changeRefusal(command, registration, asked);
            if (refusal != null) {
                out.add("changed " + id + " " + registration.status + " " + refusal);
                return;
            }
            Map<String, SessionStatus> before = new LinkedHashMap<>(registration.seats);
            List<String> freed = new ArrayList<>();
            List<String> released = new ArrayList<>();
            before.forEach((sessionId, status) -> {
                if (asked.contains(sessionId)) {
                    return;
                }
                if (status == SessionStatus.CONFIRMED) {
                    holders(sessionId).remove(id);
                    freed.add(sessionId);
                    released.add(sessionId);
                } else if (status == SessionStatus.WAITLISTED) {
                    queue(sessionId).remove(id);
                    released.add(sessionId);
                }
            });
            registration.seats.clear();
            for (String sessionId : asked) {
                SessionStatus held = before.get(sessionId);
                if (held == SessionStatus.CONFIRMED || held == SessionStatus.WAITLISTED) {
                    registration.seats.put(sessionId, held);
                } else if (holders(sessionId).size() < session(sessionId).capacity()) {
                    holders(sessionId).add(id);
                    registration.seats.put(sessionId, SessionStatus.CONFIRMED);
                } else if (event.waitlistEnabled()) {
                    queue(sessionId).addLast(id);
                    registration.seats.put(sessionId, SessionStatus.WAITLISTED);
                } else {
                    registration.seats.put(sessionId, SessionStatus.REJECTED);
                }
            }
            registration.status = registration.overall();
            out.add("changed " + id + " " + registration.status + " null "
                    + registration.seats.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).toList()
                    + " released " + released);
            freed.forEach(sessionId -> promote(session(sessionId), out));
        }

        private RejectionReason changeRefusal(ChangeSessions command, Registration registration,
                                              List<String> asked) {
            if (registration.status != RegistrationStatus.CONFIRMED
                    && registration.status != RegistrationStatus.WAITLISTED) {
                return RejectionReason.REGISTRATION_NOT_ACTIVE;
            }
            if (!event.registrationOpenAt(command.createdAt())) {
                return RejectionReason.REGISTRATION_CLOSED;
            }
            if (asked.isEmpty() || asked.stream().anyMatch(sessionId -> session(sessionId) == null)) {
                return RejectionReason.UNKNOWN_SESSION;
            }
            for (String a : asked) {
                for (String b : asked) {
                    if (!a.equals(b) && session(a).overlaps(session(b))) {
                        return RejectionReason.OVERLAPPING_SESSIONS;
                    }
                }
            }
            boolean keepsSomething = asked.stream().anyMatch(sessionId -> {
                SessionStatus held = registration.seats.get(sessionId);
                return held == SessionStatus.CONFIRMED || held == SessionStatus.WAITLISTED
                        || event.waitlistEnabled()
                        || holders(sessionId).size() < session(sessionId).capacity();
            });
            return keepsSomething ? null : RejectionReason.FULL;
        }

        private void register(RegisterAttendee command, List<String> out) {
            String id = command.registrationId();
            if (registrations.containsKey(id)) {
                return; // a repeat gets no second decision
            }
            List<String> asked = new ArrayList<>(new LinkedHashSet<>(command.sessionIds()));
            String email = command.registrant().email().trim().toLowerCase(Locale.ROOT);
            Registration registration = new Registration(email);
            registrations.put(id, registration);
            RejectionReason refusal = refusal(command, asked, email);
            if (refusal != null) {
                registration.status = RegistrationStatus.REJECTED;
                out.add("decided " + id + " REJECTED " + refusal + " "
                        + asked.stream().map(s -> s + ":REJECTED").toList());
                return;
            }
            List<String> sessions = new ArrayList<>();
            for (String sessionId : asked) {
                SessionDefinition session = session(sessionId);
                if (holders(sessionId).size() < session.capacity()) {
                    holders(sessionId).add(id);
                    registration.seats.put(sessionId, SessionStatus.CONFIRMED);
                    sessions.add(sessionId + ":CONFIRMED");
                } else if (event.waitlistEnabled()) {
                    queue(sessionId).addLast(id);
                    registration.seats.put(sessionId, SessionStatus.WAITLISTED);
                    sessions.add(sessionId + ":WAITLISTED#" + queue(sessionId).size());
                } else {
                    registration.seats.put(sessionId, SessionStatus.REJECTED);
                    sessions.add(sessionId + ":REJECTED");
                }
            }
            registration.status = registration.overall();
            if (registration.status == RegistrationStatus.REJECTED) {
                registration.seats.clear();
                out.add("decided " + id + " REJECTED FULL " + sessions);
            } else {
                activeByEmail.put(email, id);
                out.add("decided " + id + " " + registration.status + " null " + sessions);
            }
        }

        private RejectionReason refusal(RegisterAttendee command, List<String> asked, String email) {
            if (event == null) {
                return RejectionReason.UNKNOWN_SESSION;
            }
            if (!event.registrationOpenAt(command.createdAt())) {
                return RejectionReason.REGISTRATION_CLOSED;
            }
            if (asked.isEmpty() || asked.stream().anyMatch(id -> session(id) == null)) {
                return RejectionReason.UNKNOWN_SESSION;
            }
            for (String a : asked) {
                for (String b : asked) {
                    if (!a.equals(b) && session(a).overlaps(session(b))) {
                        return RejectionReason.OVERLAPPING_SESSIONS;
                    }
                }
            }
            return activeByEmail.containsKey(email) ? RejectionReason.ALREADY_REGISTERED : null;
        }

        /** The door's rules as the decision record states them, in the plainest terms. */
        private void scan(ScanTicket scan, List<String> out) {
            String id = scan.registrationId();
            Registration registration = registrations.get(id);
            if (registration == null) {
                out.add(describeScan(id, scan.scanId(), scan.sessionId(), ScanResult.UNKNOWN, null, false));
                return;
            }
            if (!decidedScans.add(id + " " + scan.scanId())) {
                return;
            }
            if (registration.status == RegistrationStatus.CANCELLED) {
                out.add(describeScan(id, scan.scanId(), scan.sessionId(), ScanResult.CANCELLED,
                        registration.cancelledAt, scan.scannedAt().isBefore(registration.cancelledAt)));
                return;
            }
            if (scan.sessionId() == null && (registration.status == RegistrationStatus.CONFIRMED
                    || registration.status == RegistrationStatus.WAITLISTED)) {
                present.add(id);
            }
            boolean seat = scan.sessionId() == null ? registration.status == RegistrationStatus.CONFIRMED
                    : registration.seats.get(scan.sessionId()) == SessionStatus.CONFIRMED;
            if (!seat) {
                out.add(describeScan(id, scan.scanId(), scan.sessionId(), ScanResult.NOT_CONFIRMED_FOR_SESSION, null,
                        false));
                return;
            }
            String door = id + " " + scan.sessionId();
            Instant first = admitted.get(door);
            if (first != null) {
                out.add(describeScan(id, scan.scanId(), scan.sessionId(), ScanResult.ALREADY_ADMITTED, first, false));
            } else {
                admitted.put(door, scan.scannedAt());
                present.add(id);
                out.add(describeScan(id, scan.scanId(), scan.sessionId(), ScanResult.ADMITTED, scan.scannedAt(),
                        false));
            }
        }

        private void cancel(CancelRegistration command, Instant now, List<String> out) {
            String id = command.registrationId();
            Registration registration = registrations.get(id);
            if (registration == null || (registration.status != RegistrationStatus.CONFIRMED
                    && registration.status != RegistrationStatus.WAITLISTED)) {
                return;
            }
            List<String> freed = new ArrayList<>();
            registration.seats.forEach((sessionId, status) -> {
                if (status == SessionStatus.CONFIRMED) {
                    holders(sessionId).remove(id);
                    freed.add(sessionId);
                } else if (status == SessionStatus.WAITLISTED) {
                    queue(sessionId).remove(id);
                }
            });
            registration.seats.clear();
            registration.status = RegistrationStatus.CANCELLED;
            registration.cancelledAt = now;
            activeByEmail.remove(registration.email, id);
            out.add("cancelled " + id);
            freed.forEach(sessionId -> promote(session(sessionId), out));
        }

        /**
         * Decision 0029 the plainest way: from the event's minutes after the session's start, each person waiting
         * for it who has arrived, in queue order, gets a seat; while the session is full a no-show (a holder who has
         * not arrived, in the order of ids) gives one back first; nobody arrived waiting, or no seat to be had: stop.
         */
        private void release(ReleaseNoShows command, Instant now, List<String> out) {
            SessionDefinition session = event == null ? null : session(command.sessionId());
            if (session == null || event.noShowReleaseMinutes() == null || command.createdAt()
                    .isBefore(session.startsAt().plusSeconds(60L * event.noShowReleaseMinutes()))) {
                return;
            }
            String sessionId = session.id();
            List<String> waiting = queue(sessionId).stream().filter(present::contains).toList();
            LinkedList<String> noShows = new LinkedList<>(holders(sessionId).stream()
                    .filter(id -> !present.contains(id)).sorted().toList());
            for (String id : waiting) {
                while (holders(sessionId).size() >= session.capacity() && !noShows.isEmpty()) {
                    String noShow = noShows.removeFirst();
                    Registration registration = registrations.get(noShow);
                    holders(sessionId).remove(noShow);
                    registration.seats.put(sessionId, SessionStatus.CANCELLED);
                    registration.status = registration.overall();
                    if (registration.status == RegistrationStatus.REJECTED) {
                        registration.status = RegistrationStatus.CANCELLED;
                        registration.cancelledAt = now;
                        activeByEmail.remove(registration.email, noShow);
                    }
                    out.add("changed " + noShow + " " + registration.status + " null "
                            + registration.seats.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                                    .toList()
                            + " released " + List.of(sessionId));
                }
                if (holders(sessionId).size() >= session.capacity()) {
                    break;
                }
                queue(sessionId).remove(id);
                holders(sessionId).add(id);
                Registration registration = registrations.get(id);
                registration.seats.put(sessionId, SessionStatus.CONFIRMED);
                registration.status = registration.overall();
                out.add("promoted " + id + " " + sessionId + " " + registration.status);
            }
        }

        /** Free seats go to the head of the queue, one by one. */
        private void promote(SessionDefinition session, List<String> out) {
            LinkedList<String> queue = queue(session.id());
            while (holders(session.id()).size() < session.capacity() && !queue.isEmpty()) {
                String id = queue.removeFirst();
                holders(session.id()).add(id);
                Registration registration = registrations.get(id);
                registration.seats.put(session.id(), SessionStatus.CONFIRMED);
                registration.status = registration.overall();
                out.add("promoted " + id + " " + session.id() + " " + registration.status);
            }
        }

        void assertSameSeatsAs(Ledger ledger) {
            for (String sessionId : SESSION_IDS) {
                SessionTally tally = ledger.tally(EventFixtures.EVENT, sessionId);
                assertThat(tally.confirmed()).as("confirmed in " + sessionId).isEqualTo(holders(sessionId).size());
                assertThat(tally.waitlisted()).as("waiting for " + sessionId).isEqualTo(queue(sessionId).size());
                SessionDefinition session = event == null ? null : session(sessionId);
                if (session != null && holders(sessionId).size() < session.capacity()) {
                    assertThat(queue(sessionId)).as("nobody waits while " + sessionId + " has a seat").isEmpty();
                }
            }
        }

        private SessionDefinition session(String id) {
            return event.sessions().stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
        }

        private Set<String> holders(String sessionId) {
            return holders.computeIfAbsent(sessionId, id -> new HashSet<>());
        }

        private LinkedList<String> queue(String sessionId) {
            return queues.computeIfAbsent(sessionId, id -> new LinkedList<>());
        }
    }

    @Provide
    Arbitrary<List<RegistrationCommand>> commands() {
        Arbitrary<RegistrationCommand> configure = Combinators.combine(
                Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 3), Arbitraries.frequency(Tuple.of(4, true), Tuple.of(1, false)),
                Arbitraries.frequency(Tuple.of(1, -1), Tuple.of(1, 0), Tuple.of(3, 15)))
                .as((day1, day2, walk, waitlist, release) -> EventFixtures.configure(EventFixtures.event(waitlist,
                        EventFixtures.session("day-1", "2024-10-07T07:00:00Z", "2024-10-07T16:00:00Z", day1),
                        EventFixtures.session("day-2", "2024-10-08T07:00:00Z", "2024-10-08T16:00:00Z", day2),
                        EventFixtures.session("walk", "2024-10-07T14:00:00Z", "2024-10-07T16:00:00Z", walk))
                        .withNoShowReleaseMinutes(release < 0 ? null : release)));
        Arbitrary<String> email = Combinators.combine(Arbitraries.integers().between(1, 10),
                        Arbitraries.of("p%d@example.org", " P%d@Example.ORG ", "p%d@EXAMPLE.org"))
                .as((person, spelling) -> String.format(spelling, person));
        Arbitrary<RegistrationCommand> register = Combinators.combine(
                Arbitraries.integers().between(1, 25), email,
                Arbitraries.of("day-1", "day-2", "walk", "ghost").list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.frequency(Tuple.of(19, EventFixtures.DURING_WINDOW), Tuple.of(1, AFTER_CLOSE)))
                .as((id, address, sessions, at) -> EventFixtures.registerAt(at, "r" + id, address,
                        sessions.toArray(String[]::new)));
        Arbitrary<RegistrationCommand> cancel = Arbitraries.integers().between(1, 25)
                .map(id -> EventFixtures.cancel("r" + id));
        Arbitrary<RegistrationCommand> change = Combinators.combine(
                Arbitraries.integers().between(1, 25),
                Arbitraries.of("day-1", "day-2", "walk", "ghost").list().ofMinSize(0).ofMaxSize(3),
                Arbitraries.frequency(Tuple.of(19, EventFixtures.DURING_WINDOW), Tuple.of(1, AFTER_CLOSE)))
                .as((id, sessions, at) -> EventFixtures.changeAt(at, "r" + id, sessions.toArray(String[]::new)));
        // Scans of registrations that exist, may exist later or never will (r26, r27), at the entrance ("") or a
        // session's door, made up to 80 s after the first command: before or after a cancellation, as an offline
        // device sends them late. A few scan ids per registration, so that ids repeat.
        Arbitrary<RegistrationCommand> scan = Combinators.combine(
                Arbitraries.integers().between(1, 27), Arbitraries.integers().between(1, 4),
                Arbitraries.of("", "day-1", "day-2", "walk"), Arbitraries.integers().between(0, 80))
                .as((id, n, door, second) -> new ScanTicket(Schema.newMessageId(), NOW.plusSeconds(second),
                        Schema.VERSION, EventFixtures.EVENT, "scan-" + n, "r" + id, door.isEmpty() ? null : door,
                        NOW.plusSeconds(second)));
        // No-show releases of a session (or of one the event lacks), asked from 10 minutes before the session's
        // start to 40 after it: before and after the event's minutes.
        Arbitrary<RegistrationCommand> release = Combinators.combine(
                Arbitraries.of("day-1", "day-2", "walk", "ghost"), Arbitraries.integers().between(-10, 40),
                Arbitraries.integers().between(1, 3))
                .as((sessionId, minutes, n) -> new ReleaseNoShows(Schema.newMessageId(),
                        Instant.parse(sessionId.equals("day-2") ? "2024-10-08T07:00:00Z"
                                : sessionId.equals("walk") ? "2024-10-07T14:00:00Z" : "2024-10-07T07:00:00Z")
                                .plusSeconds(60L * minutes),
                        Schema.VERSION, EventFixtures.EVENT, sessionId, "release-" + n));
        Arbitrary<List<RegistrationCommand>> rest = Arbitraries.frequencyOf(
                Tuple.of(6, register), Tuple.of(3, cancel), Tuple.of(3, change), Tuple.of(1, configure),
                Tuple.of(5, scan), Tuple.of(2, release))
                .list().ofMaxSize(80);
        return Combinators.combine(configure, rest).as((first, others) -> {
            List<RegistrationCommand> all = new ArrayList<>();
            all.add(first);
            all.addAll(others);
            return all;
        });
    }

    @Provide
    Arbitrary<List<RegistrationCommand>> atTheVenue() {
        Arbitrary<RegistrationCommand> configure = Combinators.combine(
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 2),
                Arbitraries.frequency(Tuple.of(1, -1), Tuple.of(1, 0), Tuple.of(6, 15)))
                .as((day1, walk, release) -> EventFixtures.configure(EventFixtures.event(true,
                        EventFixtures.session("day-1", "2024-10-07T07:00:00Z", "2024-10-07T16:00:00Z", day1),
                        EventFixtures.session("day-2", "2024-10-08T07:00:00Z", "2024-10-08T16:00:00Z", 1),
                        EventFixtures.session("walk", "2024-10-07T14:00:00Z", "2024-10-07T16:00:00Z", walk))
                        .withNoShowReleaseMinutes(release < 0 ? null : release)));
        Arbitrary<RegistrationCommand> register = Combinators.combine(
                Arbitraries.integers().between(1, 10),
                Arbitraries.of("day-1", "day-2", "walk").list().ofMinSize(1).ofMaxSize(2))
                .as((id, sessions) -> EventFixtures.registerAt(EventFixtures.DURING_WINDOW, "r" + id,
                        "p" + id + "@example.org", sessions.toArray(String[]::new)));
        Arbitrary<RegistrationCommand> cancel = Arbitraries.integers().between(1, 10)
                .map(id -> EventFixtures.cancel("r" + id));
        Arbitrary<RegistrationCommand> scan = Combinators.combine(
                Arbitraries.integers().between(1, 10), Arbitraries.integers().between(1, 3),
                Arbitraries.frequency(Tuple.of(4, ""), Tuple.of(1, "day-1"), Tuple.of(1, "walk")),
                Arbitraries.integers().between(0, 80))
                .as((id, n, door, second) -> new ScanTicket(Schema.newMessageId(), NOW.plusSeconds(second),
                        Schema.VERSION, EventFixtures.EVENT, "scan-" + n, "r" + id, door.isEmpty() ? null : door,
                        NOW.plusSeconds(second)));
        Arbitrary<RegistrationCommand> release = Combinators.combine(
                Arbitraries.of("day-1", "day-1", "walk", "day-2"), Arbitraries.integers().between(-5, 40))
                .as((sessionId, minutes) -> new ReleaseNoShows(Schema.newMessageId(),
                        Instant.parse(sessionId.equals("day-2") ? "2024-10-08T07:00:00Z"
                                : sessionId.equals("walk") ? "2024-10-07T14:00:00Z" : "2024-10-07T07:00:00Z")
                                .plusSeconds(60L * minutes),
                        Schema.VERSION, EventFixtures.EVENT, sessionId, "release"));
        Arbitrary<List<RegistrationCommand>> registrations = register.list().ofMinSize(3).ofMaxSize(12);
        Arbitrary<List<RegistrationCommand>> atTheDoors = Arbitraries.frequencyOf(
                Tuple.of(5, scan), Tuple.of(1, cancel), Tuple.of(2, release), Tuple.of(1, register))
                .list().ofMinSize(1).ofMaxSize(30);
        return Combinators.combine(configure, registrations, atTheDoors).as((first, registering, doors) -> {
            List<RegistrationCommand> all = new ArrayList<>();
            all.add(first);
            all.addAll(registering);
            all.addAll(doors);
            return all;
        });
    }

    @Provide
    Arbitrary<Set<Integer>> deliveredTwice() {
        return Arbitraries.integers().between(0, 80).set().ofMaxSize(8);
    }
}
