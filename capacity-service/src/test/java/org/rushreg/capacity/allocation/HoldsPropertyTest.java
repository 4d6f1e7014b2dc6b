package org.rushreg.capacity.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.rushreg.messages.CancelRegistration;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.RegistrationCancelled;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationHeld;
import org.rushreg.messages.RegistrationHoldExpired;
import org.rushreg.messages.RegistrationOutcome;
import org.rushreg.messages.RegistrationPromoted;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionSeats;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.VerifyEmail;

/**
 * Email verification holds (decision 0030) against a reference model: random registrations (the same address again
 * in other spelling), links followed (some sent before the deadline and arriving after it, racing the clock),
 * cancellations, the clock moving on and expiring holds, and restarts in between that rebuild the allocator's ledger
 * from what the changelogs keep. After every step both must have decided the same and the seats must match; every
 * hold ends once, by its verification, its cancellation or its expiry, and none is left once its time is over.
 */
class HoldsPropertyTest {

    private static final Instant START = EventFixtures.DURING_WINDOW;
    private static final int HOLD_MINUTES = 30;
    private static final List<String> SESSIONS = List.of("day-1", "day-2");

    sealed interface Step permits Register, Verify, VerifyNearDeadline, Cancel, Tick, Restart {
    }

    record Register(String registrationId, String email, List<String> sessionIds) implements Step {
    }

    /** The link of a registration followed {@code earlierSeconds} before the command reaches the single writer. */
    record Verify(String registrationId, int earlierSeconds) implements Step {
    }

    /**
     * The link followed around the hold's deadline ({@code secondsBefore} it; negative: after it), the command
     * arriving {@code arrivesSecondsAfter} the deadline, before the punctuation has run: verification racing expiry.
     */
    record VerifyNearDeadline(String registrationId, int secondsBefore, int arrivesSecondsAfter) implements Step {
    }

    record Cancel(String registrationId) implements Step {
    }

    /** The clock moves on; the punctuation runs, or has not run yet (the stream thread was busy). */
    record Tick(int minutes, boolean punctuates) implements Step {
    }

    record Restart() implements Step {
    }

    @Property(tries = 300)
    void holdsAreDecidedAsTheReferenceModelDecidesThem(@ForAll("steps") List<Step> steps,
                                                       @ForAll @IntRange(min = 1, max = 3) int dayOneSeats,
                                                       @ForAll @IntRange(min = 1, max = 2) int dayTwoSeats) {
        EventDefinition event = EventFixtures.event(true,
                        EventFixtures.session("day-1", "2024-10-07T07:00:00Z", "2024-10-07T16:00:00Z", dayOneSeats),
                        EventFixtures.session("day-2", "2024-10-08T07:00:00Z", "2024-10-08T16:00:00Z", dayTwoSeats))
                .withEmailVerification(true, HOLD_MINUTES);
        InMemoryLedger[] ledger = {new InMemoryLedger()};
        SeatAllocator[] allocator = {new SeatAllocator(ledger[0], TestDigests.EMAILS)};
        Model model = new Model(Map.of("day-1", dayOneSeats, "day-2", dayTwoSeats));
        Instant now = START;
        allocator[0].apply(EventFixtures.configure(event), now);
        Set<String> ended = new HashSet<>();
        boolean raced = false;

        List<Step> all = new ArrayList<>(steps);
        all.add(new Tick(HOLD_MINUTES + 1, true)); // every hold's time is over at the end
        for (int i = 0; i < all.size(); i++) {
            Step step = all.get(i);
            List<RegistrationOutcome> actual;
            List<String> expected;
            if (step instanceof Tick tick) {
                now = now.plus(Duration.ofMinutes(tick.minutes()));
                if (!tick.punctuates()) {
                    continue;
                }
                actual = allocator[0].expireHolds(now).outcomes();
                expected = model.expireDue(now);
            } else if (step instanceof Restart) {
                ledger[0] = ledger[0].restarted();
                allocator[0] = new SeatAllocator(ledger[0], TestDigests.EMAILS);
                continue;
            } else if (step instanceof Register register) {
                actual = allocator[0].apply(EventFixtures.registerAt(now, register.registrationId(),
                        register.email(), register.sessionIds().toArray(String[]::new)), now).outcomes();
                expected = model.register(register, now);
            } else if (step instanceof Verify || step instanceof VerifyNearDeadline) {
                String registrationId;
                Instant clicked;
                if (step instanceof Verify verify) {
                    registrationId = verify.registrationId();
                    clicked = now.minusSeconds(verify.earlierSeconds());
                } else {
                    VerifyNearDeadline near = (VerifyNearDeadline) step;
                    registrationId = near.registrationId();
                    Instant deadline = model.heldUntil(registrationId);
                    clicked = deadline == null ? now : deadline.minusSeconds(near.secondsBefore());
                    Instant arrives = deadline == null ? now : deadline.plusSeconds(near.arrivesSecondsAfter());
                    for (Instant later : List.of(clicked, arrives)) {
                        now = later.isAfter(now) ? later : now;
                    }
                }
                actual = allocator[0].apply(new VerifyEmail(Schema.newMessageId(), clicked, Schema.VERSION,
                        EventFixtures.EVENT, registrationId), now).outcomes();
                raced |= model.heldUntil(registrationId) != null
                        && now.isAfter(model.heldUntil(registrationId))
                        && clicked.isBefore(model.heldUntil(registrationId));
                expected = model.verify(registrationId, clicked, now);
            } else {
                Cancel cancel = (Cancel) step;
                actual = allocator[0].apply(new CancelRegistration(Schema.newMessageId(), now, Schema.VERSION,
                        EventFixtures.EVENT, cancel.registrationId()), now).outcomes();
                expected = model.cancel(cancel.registrationId());
            }
            assertThat(actual.stream().map(HoldsPropertyTest::describe).toList())
                    .as("step %d: %s", i, step).isEqualTo(expected);
            for (RegistrationOutcome outcome : actual) {
                if (outcome instanceof RegistrationHoldExpired || outcome instanceof RegistrationDecided decided
                        && decided.reason() == null && decided.recipient() == null) {
                    assertThat(ended.add(outcome.registrationId())).as("a hold ends once: " + describe(outcome))
                            .isTrue();
                }
            }
            for (SessionSeats seats : allocator[0].availability(EventFixtures.EVENT, now).orElseThrow().sessions()) {
                assertThat(seats.confirmed()).as("confirmed ≤ capacity").isLessThanOrEqualTo(seats.capacity());
                assertThat(seats.confirmed()).as("seats of " + seats.sessionId())
                        .isEqualTo(model.holders.get(seats.sessionId()).size());
                assertThat(seats.waitlisted()).as("waiting for " + seats.sessionId())
                        .isEqualTo(model.queues.get(seats.sessionId()).size());
            }
        }
        assertThat(ledger[0].holds()).as("no hold outlives its time").isEmpty();
        Statistics.label("a link sent in time arrived after the deadline").collect(raced);
        Statistics.label("a link sent in time arrived after the deadline")
                .coverage(coverage -> coverage.check(true).count(tries -> tries >= 1));
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<String> ids = Arbitraries.integers().between(1, 6).map(n -> "r" + n);
        Arbitrary<String> emails = Arbitraries.of("anna@example.org", " Anna@Example.org ", "piotr@example.org",
                "ewa@example.org", "jan@example.org", "ola@example.org");
        Arbitrary<List<String>> sessions = Arbitraries.of(SESSIONS).list().ofMinSize(1).ofMaxSize(2);
        Arbitrary<Step> register = net.jqwik.api.Combinators.combine(ids, emails, sessions).as(Register::new);
        Arbitrary<Step> verify = net.jqwik.api.Combinators.combine(ids,
                Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(1, 40 * 60)))
                .as(Verify::new);
        Arbitrary<Step> nearDeadline = net.jqwik.api.Combinators.combine(ids, Arbitraries.integers().between(-30, 30),
                Arbitraries.integers().between(0, 60)).as(VerifyNearDeadline::new);
        Arbitrary<Step> cancel = ids.map(Cancel::new);
        Arbitrary<Step> tick = net.jqwik.api.Combinators.combine(Arbitraries.integers().between(1, 40),
                Arbitraries.of(true, false)).as(Tick::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, register), net.jqwik.api.Tuple.of(3, verify),
                net.jqwik.api.Tuple.of(2, nearDeadline),
                net.jqwik.api.Tuple.of(1, cancel), net.jqwik.api.Tuple.of(3, tick),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Restart())))
                .list().ofMinSize(1).ofMaxSize(40);
    }

    private static String describe(RegistrationOutcome outcome) {
        if (outcome instanceof RegistrationHeld held) {
            return "held " + held.registrationId() + " " + held.status() + " " + held.heldUntil() + " "
                    + held.sessions().stream().map(s -> s.sessionId() + ":" + s.status()).toList();
        }
        if (outcome instanceof RegistrationDecided decided) {
            return "decided " + decided.registrationId() + " " + decided.status() + " " + decided.reason();
        }
        if (outcome instanceof RegistrationHoldExpired expired) {
            return "expired " + expired.registrationId() + " " + expired.heldUntil();
        }
        if (outcome instanceof RegistrationPromoted promoted) {
            return "promoted " + promoted.registrationId() + " " + promoted.sessionId();
        }
        return "cancelled " + ((RegistrationCancelled) outcome).registrationId();
    }

    /** The rules of DESIGN §4 and decision 0030 the plainest way: sets of seat holders and FIFO queues. */
    private static final class Model {

        final Map<String, Integer> capacity;
        final Map<String, Set<String>> holders = new HashMap<>();
        final Map<String, LinkedList<String>> queues = new HashMap<>();
        final Map<String, Registration> registrations = new HashMap<>();
        final Map<String, String> activeByEmail = new HashMap<>();

        static final class Registration {
            final String email;
            final Map<String, SessionStatus> seats = new LinkedHashMap<>();
            boolean active = true;
            Instant heldUntil;

            Registration(String email) {
                this.email = email;
            }

            RegistrationStatus status() {
                return seats.containsValue(SessionStatus.CONFIRMED) ? RegistrationStatus.CONFIRMED
                        : seats.containsValue(SessionStatus.WAITLISTED) ? RegistrationStatus.WAITLISTED
                        : RegistrationStatus.REJECTED;
            }
        }

        Model(Map<String, Integer> capacity) {
            this.capacity = capacity;
            capacity.keySet().forEach(session -> {
                holders.put(session, new LinkedHashSet<>());
                queues.put(session, new LinkedList<>());
            });
        }

        Instant heldUntil(String registrationId) {
            Registration registration = registrations.get(registrationId);
            return registration == null || !registration.active ? null : registration.heldUntil;
        }

        List<String> register(Register command, Instant now) {
            if (registrations.containsKey(command.registrationId())) {
                return List.of();
            }
            String email = command.email().strip().toLowerCase(Locale.ROOT);
            Registration registration = new Registration(email);
            registrations.put(command.registrationId(), registration);
            if (activeByEmail.containsKey(email)) {
                registration.active = false;
                return List.of("decided " + command.registrationId() + " REJECTED ALREADY_REGISTERED");
            }
            for (String session : command.sessionIds().stream().distinct().toList()) {
                if (holders.get(session).size() < capacity.get(session)) {
                    holders.get(session).add(command.registrationId());
                    registration.seats.put(session, SessionStatus.CONFIRMED);
                } else {
                    queues.get(session).add(command.registrationId());
                    registration.seats.put(session, SessionStatus.WAITLISTED);
                }
            }
            activeByEmail.put(email, command.registrationId());
            registration.heldUntil = now.plus(Duration.ofMinutes(HOLD_MINUTES));
            return List.of("held " + command.registrationId() + " " + registration.status() + " "
                    + registration.heldUntil + " " + registration.seats.entrySet().stream()
                    .map(e -> e.getKey() + ":" + e.getValue()).toList());
        }

        List<String> verify(String registrationId, Instant clicked, Instant now) {
            Instant until = heldUntil(registrationId);
            if (until == null) {
                return List.of();
            }
            if (!clicked.isBefore(until)) {
                return end(registrationId, "expired " + registrationId + " " + until);
            }
            registrations.get(registrationId).heldUntil = null;
            return List.of("decided " + registrationId + " " + registrations.get(registrationId).status() + " null");
        }

        List<String> cancel(String registrationId) {
            Registration registration = registrations.get(registrationId);
            if (registration == null || !registration.active) {
                return List.of();
            }
            return end(registrationId, "cancelled " + registrationId);
        }

        List<String> expireDue(Instant now) {
            List<String> out = new ArrayList<>();
            registrations.entrySet().stream()
                    .filter(e -> e.getValue().active && e.getValue().heldUntil != null
                            && !e.getValue().heldUntil.isAfter(now))
                    .sorted(Comparator.comparing((Map.Entry<String, Registration> e) -> e.getValue().heldUntil)
                            .thenComparing(Map.Entry::getKey))
                    .map(Map.Entry::getKey).toList()
                    .forEach(id -> out.addAll(end(id, "expired " + id + " " + registrations.get(id).heldUntil)));
            return out;
        }

        /** Gives everything back, then the freed seats go to the heads of their queues. */
        private List<String> end(String registrationId, String what) {
            Registration registration = registrations.get(registrationId);
            List<String> out = new ArrayList<>(List.of(what));
            List<String> freed = new ArrayList<>();
            registration.seats.forEach((session, status) -> {
                if (holders.get(session).remove(registrationId)) {
                    freed.add(session);
                }
                queues.get(session).remove(registrationId);
            });
            registration.active = false;
            registration.heldUntil = null;
            activeByEmail.remove(registration.email, registrationId);
            for (String session : freed) {
                while (holders.get(session).size() < capacity.get(session) && !queues.get(session).isEmpty()) {
                    String head = queues.get(session).poll();
                    holders.get(session).add(head);
                    registrations.get(head).seats.put(session, SessionStatus.CONFIRMED);
                    out.add("promoted " + head + " " + session);
                }
            }
            return out;
        }
    }
}
