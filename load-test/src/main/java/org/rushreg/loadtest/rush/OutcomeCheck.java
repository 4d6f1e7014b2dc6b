package org.rushreg.loadtest.rush;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules a rush must end with, checked from what the clients saw: every accepted request decided, exactly as
 * many seats given as there are, everybody else waitlisted in distinct places, nobody holding two places, a
 * second submit turned away (REJECTED as ALREADY_REGISTERED, or RECEIVED where the stack hides duplicates), and everyone emailed exactly once per decision: one distinct email (by Message-ID) each,
 * none missing and none different extra. A repeated delivery of an email already delivered (the same Message-ID)
 * is not a failure but is reported on its own line: the notification-service sends at least once across a crash
 * (decision 0010).
 */
public final class OutcomeCheck {

    /** One rule and whether it held; an {@code info} line is a figure reported beside the rules, never a failure. */
    public record Check(String rule, boolean ok, String detail, boolean info) {

        public Check(String rule, boolean ok, String detail) {
            this(rule, ok, detail, false);
        }

        static Check info(String rule, String detail) {
            return new Check(rule, true, detail, true);
        }

        @Override
        public String toString() {
            return (info ? "info  " : ok ? "ok    " : "FAIL  ") + rule + (detail.isEmpty() ? "" : " — " + detail);
        }
    }

    static final String SECOND_SUBMIT_RULE = "a second registration with the same email is refused: REJECTED as "
            + "ALREADY_REGISTERED, or RECEIVED with no reason where duplicates are hidden (decision 0016)";

    /** The seats and waitlist the event itself reports (GET /api/events/{id}), or null if not read. */
    public record Counters(int confirmed, int waitlisted) {
    }

    private OutcomeCheck() {
    }

    /**
     * @param primaryIds  registrant index to the id of their (first) registration
     * @param repeatIds   registrant index to the id answered to a repeat with the same Idempotency-Key
     * @param secondIds   registrant index to the id of a second, separate registration with the same email
     * @param decisions   registration id to its last state on the status API
     * @param emails      email address (lower case) to what it received ({@link MailWatch#countByAddress}); null skips
     *                    the email rule
     */
    public static List<Check> check(List<Registrant> registrants, int seats, Map<Integer, String> primaryIds,
                                    Map<Integer, String> repeatIds, Map<Integer, String> secondIds,
                                    Map<String, Decision> decisions, Counters counters,
                                    Map<String, MailWatch.Received> emails) {
        List<Check> checks = new ArrayList<>();
        int people = registrants.size();
        checks.add(new Check("every registrant's request was accepted (202)", primaryIds.size() == people,
                primaryIds.size() + " of " + people));

        long wrongRepeats = repeatIds.entrySet().stream().filter(e -> !e.getValue().equals(primaryIds.get(e.getKey()))).count();
        checks.add(new Check("a repeat with the same Idempotency-Key answers the same registration", wrongRepeats == 0,
                repeatIds.size() + " repeats, " + wrongRepeats + " with another id"));

        Set<String> all = new HashSet<>(primaryIds.values());
        all.addAll(secondIds.values());
        long pending = all.stream().filter(id -> decisions.get(id) == null || decisions.get(id).pending()).count();
        checks.add(new Check("every accepted registration is decided", pending == 0, pending + " of " + all.size() + " not decided"));

        int expectedConfirmed = Math.min(seats, primaryIds.size());
        long confirmed = primaryIds.values().stream().filter(id -> is(decisions, id, "CONFIRMED")).count();
        long waitlisted = primaryIds.values().stream().filter(id -> is(decisions, id, "WAITLISTED")).count();
        checks.add(new Check("exactly as many confirmed as there are seats", confirmed == expectedConfirmed,
                confirmed + " confirmed, " + expectedConfirmed + " expected"));
        checks.add(new Check("everybody else waitlisted", waitlisted == primaryIds.size() - expectedConfirmed,
                waitlisted + " waitlisted, " + (primaryIds.size() - expectedConfirmed) + " expected"));

        List<Integer> positions = primaryIds.values().stream().filter(id -> is(decisions, id, "WAITLISTED"))
                .map(id -> decisions.get(id).waitlistPosition()).toList();
        Set<Integer> distinct = new HashSet<>(positions);
        boolean dense = positions.stream().allMatch(p -> p != null && p >= 1 && p <= positions.size());
        checks.add(new Check("waitlist places are distinct, 1 to the number waitlisted",
                distinct.size() == positions.size() && dense, distinct.size() + " distinct of " + positions.size()));

        // Refused by the capacity service as ALREADY_REGISTERED; a stack run with PUBLIC_STATUS_HIDES_DUPLICATES=true
        // shows it publicly only as RECEIVED (decision 0016).
        long secondsRefused = secondIds.values().stream().filter(id -> refusedAsSecond(decisions.get(id))).count();
        checks.add(new Check(SECOND_SUBMIT_RULE, secondsRefused == secondIds.size(),
                secondsRefused + " of " + secondIds.size()));

        Map<String, Integer> placesByEmail = new HashMap<>();
        for (Registrant r : registrants) {
            for (String id : idsOf(r, primaryIds, secondIds)) {
                if (is(decisions, id, "CONFIRMED") || is(decisions, id, "WAITLISTED")) {
                    placesByEmail.merge(r.email(), 1, Integer::sum);
                }
            }
        }
        long twice = placesByEmail.values().stream().filter(n -> n > 1).count();
        checks.add(new Check("nobody holds two places", twice == 0, twice + " people with two"));

        if (counters != null) {
            checks.add(new Check("the event reports the same seats and waitlist",
                    counters.confirmed() == expectedConfirmed && counters.waitlisted() == primaryIds.size() - expectedConfirmed,
                    "confirmed " + counters.confirmed() + ", waitlisted " + counters.waitlisted()));
        }

        if (emails != null) {
            int missing = 0;
            int extra = 0;
            int repeated = 0;
            int repeatedTo = 0;
            for (Registrant r : registrants) {
                // one email per decision: the confirmation or waitlist notice, plus the reminder a second submit gets
                int expected = idsOf(r, primaryIds, secondIds).size();
                MailWatch.Received got = emails.getOrDefault(r.email().toLowerCase(), new MailWatch.Received(0, 0));
                missing += got.distinct() < expected ? 1 : 0;
                extra += got.distinct() > expected ? 1 : 0;
                repeated += got.repeated();
                repeatedTo += got.repeated() > 0 ? 1 : 0;
            }
            checks.add(new Check("everyone got exactly one email per decision (distinct Message-IDs)", missing == 0 && extra == 0,
                    missing + " people short of an email, " + extra + " with one too many"));
            checks.add(Check.info("repeated deliveries of the same message (at-least-once across a crash, decision 0010)",
                    repeated + " deliveries repeating a Message-ID already delivered, to " + repeatedTo + " addresses"));
        }
        return checks;
    }

    /** What each address should have received: one email per accepted registration of that person. */
    public static Map<String, Integer> expectedEmails(List<Registrant> registrants, Map<Integer, String> primaryIds,
                                                      Map<Integer, String> secondIds) {
        Map<String, Integer> expected = new HashMap<>();
        for (Registrant r : registrants) {
            int n = idsOf(r, primaryIds, secondIds).size();
            if (n > 0) {
                expected.put(r.email().toLowerCase(), n);
            }
        }
        return expected;
    }

    private static List<String> idsOf(Registrant r, Map<Integer, String> primaryIds, Map<Integer, String> secondIds) {
        List<String> ids = new ArrayList<>(2);
        if (primaryIds.containsKey(r.index())) {
            ids.add(primaryIds.get(r.index()));
        }
        if (secondIds.containsKey(r.index())) {
            ids.add(secondIds.get(r.index()));
        }
        return ids;
    }

    private static boolean refusedAsSecond(Decision d) {
        return d != null && ("REJECTED".equals(d.status()) && "ALREADY_REGISTERED".equals(d.reason())
                || "RECEIVED".equals(d.status()) && d.reason() == null);
    }

    private static boolean is(Map<String, Decision> decisions, String id, String status) {
        Decision d = decisions.get(id);
        return d != null && status.equals(d.status());
    }

    public static boolean allOk(List<Check> checks) {
        return checks.stream().allMatch(Check::ok);
    }
}
