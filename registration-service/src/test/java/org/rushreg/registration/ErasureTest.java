package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.ErasePerson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Erasure on request (issue 14, decision 0027) through the running service: an organiser asks for it, the command
 * names the person's registrations (never the person), the read model forgets them when the capacity service's
 * RegistrationErased arrives, each store's confirmation shows, a repeat answers with the same erasure, and bad input,
 * unknown people and viewers are refused. The audit log holds the erasure, not the person.
 */
class ErasureTest extends ServiceTestSupport {

    @Autowired
    JdbcClient database;

    @Test
    void anErasedPersonIsForgottenByTheReadModelAndEachStoresConfirmationShows() {
        Map<String, Object> body = registration("day-1");
        String email = (String) body.get("email");
        String erased = registered(body);
        String duplicate = registered(with(body, "email", email.toUpperCase()));
        String other = registered(registration("day-1"));

        Answer asked = erase(Map.of("eventId", StandInServices.EVENT, "email", email.toUpperCase()), organiser());

        assertThat(asked.status()).as(asked.body()).isEqualTo(202);
        String erasureId = asked.json().path("erasureId").asString();
        assertThat(erasureId).isNotBlank();
        await().atMost(Duration.ofSeconds(30)).until(() -> commandLog().commands().stream()
                .anyMatch(c -> c instanceof ErasePerson e && e.erasureId().equals(erasureId)));
        ErasePerson command = commandLog().commands().stream().filter(ErasePerson.class::isInstance)
                .map(ErasePerson.class::cast).filter(e -> e.erasureId().equals(erasureId)).findFirst().orElseThrow();
        assertThat(command.registrationIds()).as("the person's registrations, the address's other spelling too")
                .containsExactlyInAnyOrder(erased, duplicate);
        assertThat(new String(org.rushreg.messages.MessageJson.toBytes(command))).doesNotContain(email)
                .doesNotContainIgnoringCase("nowak");
        assertThat(status(erasureId).path("status").asString()).isEqualTo("PENDING");

        try (StandInServices capacity = new StandInServices(broker)) {
            capacity.erase(erased, erasureId, "day-1");
            capacity.erase(duplicate, erasureId, "day-1");
            await().atMost(Duration.ofSeconds(30)).until(() -> status(erasureId).path("stores").size() == 2);
            assertThat(status(erasureId).path("stores").findValuesAsString("store"))
                    .containsExactlyInAnyOrder("registration-service", "capacity-service");
            assertThat(status(erasureId).path("status").asString()).isEqualTo("PENDING");

            capacity.confirmErasure(erasureId, erased);
            capacity.confirmErasure(erasureId, duplicate);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> "COMPLETED".equals(status(erasureId).path("status").asString()));
        }
        assertThat(status(erasureId).path("stores").findValuesAsString("store"))
                .containsExactlyInAnyOrder("registration-service", "capacity-service", "notification-service");

        for (String id : List.of(erased, duplicate)) {
            assertThat(person(id)).as("the read model no longer knows who " + id + " was").containsOnlyNulls();
            assertThat(database.sql("select status from registrations where id = :id").param("id", id)
                    .query(String.class).single()).as("the counts keep it, cancelled").isEqualTo("CANCELLED");
        }
        assertThat(person(other)).as("another person").doesNotContainNull();
        assertThat(database.sql("select count(*) from registrations where lower(email) = lower(:e)")
                .param("e", email).query(Long.class).single()).isZero();

        String marker = email.substring(0, email.indexOf('@'));
        assertThat(tablesHolding(marker)).as("no table of the registration-service holds the address").isEmpty();

        Answer again = erase(Map.of("eventId", StandInServices.EVENT, "email", email), organiser());
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().path("erasureId").asString()).as("a repeat is the same erasure").isEqualTo(erasureId);

        String again2 = registered(body);
        Answer anew = erase(Map.of("eventId", StandInServices.EVENT, "email", email), organiser());
        assertThat(anew.status()).isEqualTo(202);
        assertThat(anew.json().path("erasureId").asString()).as("registered again after the erasure: a new one")
                .isNotEqualTo(erasureId);
        assertThat(status(anew.json().path("erasureId").asString()).path("registrations").asInt()).isEqualTo(1);
        assertThat(again2).isNotIn(erased, duplicate);

        List<String> audit = database.sql("""
                        select actor || ' ' || action || ' ' || coalesce(registration_id, '') || ' '
                               || coalesce(detail, '') from organiser_actions where action = 'ERASURE_REQUESTED'""")
                .query(String.class).list();
        assertThat(audit).anyMatch(entry -> entry.contains(erasureId)).hasSizeGreaterThanOrEqualTo(2)
                .noneMatch(entry -> entry.toLowerCase().contains(email.toLowerCase()) || entry.contains("Nowak"));
    }

    @Test
    void anAccessRequestShowsWhatTheSystemHoldsAndIsAuditedWithoutThePerson() {
        Map<String, Object> body = registration("day-1");
        String email = (String) body.get("email");
        String id = registered(body);

        Answer answer = send("GET", "/api/organiser/people?eventId=" + StandInServices.EVENT + "&email="
                + email.toUpperCase(), null, null, Map.of("Authorization", basic(TestOrganisers.VIEWER,
                TestOrganisers.VIEWER_PASSWORD)));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        var registration = answer.json().path("registrations").get(0);
        assertThat(registration.path("registrationId").asString()).isEqualTo(id);
        assertThat(registration.path("email").asString()).isEqualTo(email);
        assertThat(registration.path("firstName").asString()).isEqualTo("Anna");
        assertThat(registration.path("organisation").asString()).isEqualTo("Urząd Miasta Krakowa");
        assertThat(registration.path("sessions").get(0).path("sessionId").asString()).isEqualTo("day-1");
        assertThat(answer.json().path("stores").findValuesAsString("store"))
                .containsExactly("notification-service", "capacity-service");
        assertThat(answer.json().path("elsewhere").findValuesAsString("store")).containsExactly("Kafka topics");
        assertThat(database.sql("""
                        select count(*) from organiser_actions where action = 'ACCESS_REQUESTED'
                        and detail not ilike :e and actor = :viewer""")
                .param("e", "%" + email + "%").param("viewer", TestOrganisers.VIEWER).query(Long.class).single())
                .isPositive();
        assertThat(send("GET", "/api/organiser/people?eventId=" + StandInServices.EVENT
                + "&email=nobody.here@example.org", null, null, organiser()).status()).isEqualTo(404);
        assertThat(send("GET", "/api/organiser/people?eventId=" + StandInServices.EVENT, null, null, organiser())
                .status()).isEqualTo(400);
        assertThat(send("GET", "/api/organiser/people?eventId=" + StandInServices.EVENT + "&email=" + email, null,
                null, Map.of()).status()).as("nobody logged in").isEqualTo(401);
    }

    @Test
    void badInputUnknownPeopleAndViewersAreRefused() {
        Answer missing = erase(Map.of("eventId", StandInServices.EVENT), organiser());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.json().path("errors").get(0).path("field").asString()).isEqualTo("email");

        assertThat(erase(Map.of("eventId", StandInServices.EVENT, "email", "not an address"), organiser()).status())
                .isEqualTo(400);
        assertThat(erase(Map.of("eventId", " ", "email", "a@example.org"), organiser()).status()).isEqualTo(400);
        assertThat(send("POST", "/api/organiser/erasures", "application/json", "{\"eventId\":", organiser())
                .status()).as("malformed JSON").isEqualTo(400);

        Answer unknown = erase(Map.of("eventId", StandInServices.EVENT, "email", "nobody.here@example.org"),
                organiser());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body()).doesNotContain("nobody.here");
        assertThat(erase(Map.of("eventId", "no-such-event", "email", "a@example.org"), organiser()).status())
                .isEqualTo(404);

        String someone = registered(registration("day-1"));
        Map<String, Object> request = Map.of("eventId", StandInServices.EVENT, "email",
                database.sql("select email from registrations where id = :id").param("id", someone)
                        .query(String.class).single());
        assertThat(erase(request, Map.of("Authorization", basic(TestOrganisers.VIEWER,
                TestOrganisers.VIEWER_PASSWORD))).status()).as("a viewer").isEqualTo(403);
        assertThat(erase(request, Map.of()).status()).as("nobody logged in").isEqualTo(401);
        assertThat(send("GET", "/api/organiser/erasures/no-such-erasure", null, null, organiser()).status())
                .isEqualTo(404);
    }

    private String registered(Map<String, Object> body) {
        Answer answer = register(body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        String id = answer.json().path("registrationId").asString();
        awaitRecorded(id);
        return id;
    }

    private Answer erase(Map<String, Object> body, Map<String, String> headers) {
        return postJson("/api/organiser/erasures", body, headers);
    }

    private tools.jackson.databind.JsonNode status(String erasureId) {
        Answer answer = send("GET", "/api/organiser/erasures/" + erasureId, null, null, organiser());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private List<String> person(String registrationId) {
        return database.sql("""
                        select first_name, last_name, email, organisation, locale, terms_version, privacy_version
                        from registrations where id = :id""").param("id", registrationId)
                .query((rs, n) -> java.util.Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7))).single();
    }

    /** The tables of the service's database with a row whose text holds {@code marker}, in any case. */
    private List<String> tablesHolding(String marker) {
        return database.sql("""
                        select table_name from information_schema.tables
                        where table_schema = 'public' and table_type = 'BASE TABLE'""")
                .query(String.class).list().stream()
                .filter(table -> database.sql("select count(*) from \"" + table + "\" t where t::text ilike :m")
                        .param("m", "%" + marker + "%").query(Long.class).single() > 0)
                .toList();
    }

    private static Map<String, String> organiser() {
        return Map.of("Authorization", basic(TestOrganisers.ORGANISER, TestOrganisers.ORGANISER_PASSWORD));
    }

}
