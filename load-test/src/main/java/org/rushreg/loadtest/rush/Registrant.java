package org.rushreg.loadtest.rush;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One person in the rush. Some of them behave as people do: a few send the same request again with the same
 * {@code Idempotency-Key} (a retry after a slow answer), a few press the button twice and send a second request
 * of their own (a new key, the same email), which must be turned away as ALREADY_REGISTERED (shown publicly as
 * RECEIVED where the stack hides duplicates, decision 0016).
 */
public record Registrant(int index, String email, String idempotencyKey, String locale,
                         boolean repeatsWithSameKey, boolean submitsTwice) {

    private static final String[] FIRST = {"Anna", "Jan", "Zofia", "Łukasz", "Małgorzata", "Piotr", "Katarzyna", "Paweł"};
    private static final String[] LAST = {"Nowak", "Kowalski", "Wiśniewska", "Wójcik", "Kamińska", "Lewandowski"};
    private static final String[] ORGANISATIONS = {"Urząd Miasta Krakowa", "Instytut Rozwoju Miast i Regionów",
            "Politechnika Krakowska", "Urząd Marszałkowski Województwa Małopolskiego", ""};

    /**
     * {@code people} registrants with addresses unique to this run; the shares are drawn from a fixed seed so two
     * runs with the same options send the same kinds of request.
     */
    public static List<Registrant> plan(String runId, int people, double repeatShare, double doubleShare) {
        Random random = new Random(42);
        List<Registrant> plan = new ArrayList<>(people);
        for (int i = 0; i < people; i++) {
            double kind = random.nextDouble();
            plan.add(new Registrant(i, "r" + i + "." + runId + "@example.org", runId + "-" + i,
                    random.nextInt(4) == 0 ? "en" : "pl", kind < repeatShare,
                    kind >= repeatShare && kind < repeatShare + doubleShare));
        }
        return plan;
    }

    /** The request body, as the form or an API client sends it. */
    public String body(String sessionId) {
        String organisation = ORGANISATIONS[index % ORGANISATIONS.length];
        return "{\"firstName\":\"" + FIRST[index % FIRST.length] + "\",\"lastName\":\"" + LAST[index % LAST.length]
                + "\",\"email\":\"" + email + "\",\"organisation\":\"" + organisation + "\",\"sessionIds\":[\""
                + sessionId + "\"],\"locale\":\"" + locale + "\",\"consents\":{\"terms\":true,\"privacy\":true}}";
    }

    /** The key of the second, separate request of someone who submits twice. */
    public String secondKey() {
        return idempotencyKey + "-again";
    }
}
