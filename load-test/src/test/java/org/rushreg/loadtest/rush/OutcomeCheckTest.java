package org.rushreg.loadtest.rush;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OutcomeCheckTest {

    // five people for two seats; person 3 repeats with the same key, person 4 submits twice
    private final List<Registrant> people = List.of(
            person(0, false, false), person(1, false, false), person(2, false, false),
            person(3, true, false), person(4, false, true));
    private final Map<Integer, String> primary = Map.of(0, "a", 1, "b", 2, "c", 3, "d", 4, "e");
    private final Map<Integer, String> repeats = Map.of(3, "d");
    private final Map<Integer, String> seconds = Map.of(4, "e2");

    private Map<String, Decision> decisions() {
        Map<String, Decision> d = new HashMap<>();
        d.put("a", new Decision("CONFIRMED", null, null, 0));
        d.put("b", new Decision("CONFIRMED", null, null, 0));
        d.put("c", new Decision("WAITLISTED", null, 1, 0));
        d.put("d", new Decision("WAITLISTED", null, 2, 0));
        d.put("e", new Decision("WAITLISTED", null, 3, 0));
        d.put("e2", new Decision("REJECTED", "ALREADY_REGISTERED", null, 0));
        return d;
    }

    /** What the inbox got in a clean rush: one email per decision, each with its decision's Message-ID. */
    private List<MailWatch.Delivery> deliveries() {
        List<MailWatch.Delivery> d = new ArrayList<>();
        people.forEach(p -> d.add(delivery(p, "<" + primary.get(p.index()) + "@rushreg>")));
        d.add(delivery(people.get(4), "<e2@rushreg>")); // the reminder of the second submit
        return d;
    }

    private Map<String, MailWatch.Received> emails() {
        return MailWatch.countByAddress(deliveries());
    }

    @Test
    void aCleanRushPassesEveryRule() {
        var checks = OutcomeCheck.check(people, 2, primary, repeats, seconds, decisions(), new OutcomeCheck.Counters(2, 3), emails());

        assertThat(checks).hasSize(11).allSatisfy(c -> assertThat(c.ok()).as(c.toString()).isTrue());
        assertThat(repeatsLine(checks).detail()).isEqualTo("0 deliveries repeating a Message-ID already delivered, to 0 addresses");
    }

    @Test
    void aSeatGivenTwiceIsCaught() {
        Map<String, Decision> d = decisions();
        d.put("c", new Decision("CONFIRMED", null, null, 0));

        var failed = failed(OutcomeCheck.check(people, 2, primary, repeats, seconds, d, new OutcomeCheck.Counters(3, 2), emails()));

        assertThat(failed).contains("exactly as many confirmed as there are seats", "everybody else waitlisted",
                "the event reports the same seats and waitlist");
    }

    @Test
    void aSecondSubmitThatGotAPlaceIsCaughtAsSomeoneHoldingTwo() {
        Map<String, Decision> d = decisions();
        d.put("e2", new Decision("WAITLISTED", null, 4, 0));

        var failed = failed(OutcomeCheck.check(people, 2, primary, repeats, seconds, d, null, emails()));

        assertThat(failed).contains("nobody holds two places", OutcomeCheck.SECOND_SUBMIT_RULE);
    }

    @Test
    void aSecondSubmitShownOnlyAsReceivedPassesToo() {
        Map<String, Decision> d = decisions();
        d.put("e2", new Decision("RECEIVED", null, null, 0));

        var checks = OutcomeCheck.check(people, 2, primary, repeats, seconds, d, new OutcomeCheck.Counters(2, 3), emails());

        assertThat(checks).allSatisfy(c -> assertThat(c.ok()).as(c.toString()).isTrue());
    }

    @Test
    void aSecondSubmitRefusedForAnotherReasonOrReceivedWithAReasonIsCaught() {
        for (Decision second : List.of(new Decision("REJECTED", "FULL", null, 0),
                new Decision("RECEIVED", "ALREADY_REGISTERED", null, 0))) {
            Map<String, Decision> d = decisions();
            d.put("e2", second);

            var failed = failed(OutcomeCheck.check(people, 2, primary, repeats, seconds, d, null, emails()));

            assertThat(failed).as(second.toString()).containsExactly(OutcomeCheck.SECOND_SUBMIT_RULE);
        }
    }

    @Test
    void aRepeatAnsweredWithAnotherIdIsCaught() {
        var failed = failed(OutcomeCheck.check(people, 2, primary, Map.of(3, "x"), seconds, decisions(), null, emails()));

        assertThat(failed).containsExactly("a repeat with the same Idempotency-Key answers the same registration");
    }

    @Test
    void aPendingRegistrationAndSharedWaitlistPlacesAreCaught() {
        Map<String, Decision> d = decisions();
        d.put("a", new Decision("PENDING", null, null, 0));
        d.put("d", new Decision("WAITLISTED", null, 1, 0));

        var failed = failed(OutcomeCheck.check(people, 1, primary, repeats, seconds, d, null, emails()));

        assertThat(failed).contains("every accepted registration is decided", "waitlist places are distinct, 1 to the number waitlisted");
    }

    @Test
    void theSameEmailDeliveredTwiceKeepsTheOnceRuleButIsReportedApart() {
        List<MailWatch.Delivery> d = deliveries();
        d.add(delivery(people.get(1), "<b@rushreg>")); // sent again after a crash: the same Message-ID
        d.add(delivery(people.get(4), "<e2@rushreg>"));
        d.add(delivery(people.get(4), "<e2@rushreg>"));

        var checks = OutcomeCheck.check(people, 2, primary, repeats, seconds, decisions(), null, MailWatch.countByAddress(d));

        assertThat(failed(checks)).isEmpty();
        assertThat(OutcomeCheck.allOk(checks)).isTrue();
        OutcomeCheck.Check repeated = repeatsLine(checks);
        assertThat(repeated.info()).isTrue();
        assertThat(repeated.detail()).isEqualTo("3 deliveries repeating a Message-ID already delivered, to 2 addresses");
        assertThat(repeated.toString()).startsWith("info");
    }

    @Test
    void twoDifferentEmailsForOneDecisionAreCaught() {
        List<MailWatch.Delivery> d = deliveries();
        d.add(delivery(people.get(1), "<other@rushreg>"));

        var checks = OutcomeCheck.check(people, 2, primary, repeats, seconds, decisions(), null, MailWatch.countByAddress(d));

        assertThat(checks).filteredOn(c -> !c.ok()).singleElement()
                .satisfies(c -> assertThat(c.detail()).isEqualTo("0 people short of an email, 1 with one too many"));
        assertThat(repeatsLine(checks).detail()).startsWith("0 deliveries");
    }

    @Test
    void aMissingEmailIsCaughtAndARepeatDoesNotStandInForIt() {
        List<MailWatch.Delivery> d = deliveries();
        d.removeIf(m -> m.messageId().equals("<e2@rushreg>")); // person 4's reminder never came
        d.add(delivery(people.get(4), "<e@rushreg>")); // but the first email came twice

        var checks = OutcomeCheck.check(people, 2, primary, repeats, seconds, decisions(), null, MailWatch.countByAddress(d));

        assertThat(checks).filteredOn(c -> !c.ok()).singleElement()
                .satisfies(c -> assertThat(c.detail()).isEqualTo("1 people short of an email, 0 with one too many"));
        assertThat(repeatsLine(checks).detail()).startsWith("1 deliveries");
    }

    @Test
    void emailsWithoutAMessageIdAreEachCountedAsDistinct() {
        List<MailWatch.Delivery> d = deliveries();
        d.replaceAll(m -> delivery(m.to(), null));
        d.add(delivery(people.get(1).email(), null));

        var checks = OutcomeCheck.check(people, 2, primary, repeats, seconds, decisions(), null, MailWatch.countByAddress(d));

        assertThat(checks).filteredOn(c -> !c.ok()).singleElement()
                .satisfies(c -> assertThat(c.detail()).isEqualTo("0 people short of an email, 1 with one too many"));
    }

    @Test
    void everyoneExpectsOneEmailPerAcceptedRegistration() {
        Map<String, Integer> expected = OutcomeCheck.expectedEmails(people, primary, seconds);

        assertThat(expected).hasSize(5).containsEntry(people.get(4).email(), 2).containsEntry(people.get(0).email(), 1);
    }

    private static OutcomeCheck.Check repeatsLine(List<OutcomeCheck.Check> checks) {
        return checks.stream().filter(c -> c.rule().startsWith("repeated deliveries")).findFirst().orElseThrow();
    }

    private static MailWatch.Delivery delivery(Registrant to, String messageId) {
        return delivery(to.email(), messageId);
    }

    private static MailWatch.Delivery delivery(String to, String messageId) {
        return new MailWatch.Delivery(to, messageId, Instant.parse("2026-11-27T01:27:00Z"));
    }

    private static List<String> failed(List<OutcomeCheck.Check> checks) {
        return checks.stream().filter(c -> !c.ok()).map(OutcomeCheck.Check::rule).toList();
    }

    private static Registrant person(int i, boolean repeat, boolean twice) {
        return new Registrant(i, "p" + i + "@example.org", "k" + i, "pl", repeat, twice);
    }
}
