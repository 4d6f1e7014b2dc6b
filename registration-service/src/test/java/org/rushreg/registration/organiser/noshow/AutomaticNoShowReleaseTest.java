package org.rushreg.registration.organiser.noshow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.EventDefinition;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.ReleaseNoShows;
import org.rushreg.messages.SessionDefinition;
import org.rushreg.messages.Topics;
import org.rushreg.registration.ServiceTestSupport;
import org.rushreg.registration.TestClock;
import org.rushreg.registration.catalogue.EventCatalogue;
import org.rushreg.registration.commands.CommandLog;
import org.rushreg.registration.commands.RefusingCommandLogs;
import org.rushreg.registration.organiser.audit.AuditTrail;
import org.rushreg.registration.TestOrganisers;
import org.rushreg.registration.organiser.OrganiserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The automatic no-show release (decision 0044): at each session's start plus the event's minutes, exactly one
 * {@link ReleaseNoShows} on the event's log, audited as the service's, whichever of several instances looks first and
 * whether or not one restarted; nothing before the moment, after the session's end, for a session called off or for
 * an event without the option; a send the broker refused is sent by the next check. Each check here is an instance of
 * the scheduler on its own test clock in 2024, against the service's database and broker (the service's own
 * instance, on the real clock, finds these sessions long over and leaves them alone). What the capacity-service
 * decides with the command is proved there (NoShowReleaseTest, ReferenceModelTest, CapacityTopologyTest).
 */
class AutomaticNoShowReleaseTest extends ServiceTestSupport {

    /** The sessions' day: plenary 09:00–11:00 and walk 12:00–14:00 in Warsaw (UTC+2). */
    private static final LocalDate DAY = LocalDate.parse("2024-05-06");
    private static final Instant PLENARY_STARTS = Instant.parse("2024-05-06T07:00:00Z");
    private static final Instant WALK_STARTS = Instant.parse("2024-05-06T10:00:00Z");

    @Autowired
    EventCatalogue catalogue;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CommandLog commandLog;

    @Autowired
    AuditTrail audit;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    MockMvc mvc;

    private static TestClock at(Instant moment) {
        TestClock clock = TestClock.frozen();
        clock.advance(Duration.between(clock.instant(), moment));
        return clock;
    }

    /** One instance of the scheduler, as a service that starts now would have it. */
    private AutomaticNoShowReleases instance(TestClock clock) {
        return new AutomaticNoShowReleases(catalogue, jdbc, commandLog, audit, transaction, clock);
    }

    private String event(Integer minutes, boolean automatic, boolean walkCalledOff) {
        String id = "no-show-" + UUID.randomUUID().toString().substring(0, 8);
        catalogue.save(new EventDefinition(id, "Forum " + id, "CFK", null, "Europe/Warsaw", DAY, DAY, null,
                Instant.parse("2024-05-05T00:00:00Z"), true, null, List.of(
                new SessionDefinition("plenary", "Sesja plenarna", PLENARY_STARTS, PLENARY_STARTS.plusSeconds(7200), 2),
                new SessionDefinition("walk", "Spacer", WALK_STARTS, WALK_STARTS.plusSeconds(7200), 1)
                        .withCancelled(walkCalledOff)), null).withNoShowRelease(minutes, automatic));
        return id;
    }

    private static List<AutomaticNoShowReleases.Sent> of(String eventId, List<AutomaticNoShowReleases.Sent> sent) {
        return sent.stream().filter(s -> s.eventId().equals(eventId)).toList();
    }

    /** The releases of the event on its log, after polling long enough for a late one to show. */
    private List<ReleaseNoShows> releasesOf(String eventId) {
        return commandLog().poll(Duration.ofSeconds(1)).stream().filter(r -> eventId.equals(r.key()))
                .map(r -> MessageJson.fromBytes(r.value(), Topics.REGISTRATION_COMMANDS))
                .filter(ReleaseNoShows.class::isInstance).map(ReleaseNoShows.class::cast).toList();
    }

    private List<String> auditOf(String eventId) {
        return jdbc.sql("select actor || ' ' || action || ' ' || detail from organiser_actions"
                        + " where event_id = :event and action like 'NO_SHOWS%' order by id")
                .param("event", eventId).query(String.class).list();
    }

    @Test
    void eachSessionsNoShowsAreReleasedOnceWhenItsMinutesHavePassedAndNotBefore() {
        String id = event(15, true, false);
        TestClock clock = at(PLENARY_STARTS.plusSeconds(15 * 60 - 1));
        AutomaticNoShowReleases scheduler = instance(clock);

        assertThat(of(id, scheduler.releaseDue())).as("a second before the moment").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        List<AutomaticNoShowReleases.Sent> plenary = of(id, scheduler.releaseDue());
        assertThat(plenary).extracting(AutomaticNoShowReleases.Sent::sessionId).containsExactly("plenary");
        clock.advance(Duration.ofSeconds(30));
        assertThat(of(id, scheduler.releaseDue())).as("the next check").isEmpty();
        clock.advance(Duration.between(clock.instant(), WALK_STARTS.plusSeconds(15 * 60 + 10)));
        List<AutomaticNoShowReleases.Sent> walk = of(id, scheduler.releaseDue());
        assertThat(walk).extracting(AutomaticNoShowReleases.Sent::sessionId).containsExactly("walk");

        List<ReleaseNoShows> released = releasesOf(id);
        assertThat(released).extracting(ReleaseNoShows::sessionId).containsExactly("plenary", "walk");
        assertThat(released.get(0).releaseId()).isEqualTo(plenary.get(0).releaseId());
        assertThat(released.get(0).messageId()).isEqualTo(plenary.get(0).commandId());
        assertThat(released.get(0).createdAt()).as("decided by the capacity-service at the moment it was sent")
                .isEqualTo(PLENARY_STARTS.plusSeconds(15 * 60));
        assertThat(auditOf(id)).containsExactly(
                "no-show-release NO_SHOWS_RELEASED_AUTOMATICALLY session plenary, release "
                        + plenary.get(0).releaseId() + ", 15 minutes after its start",
                "no-show-release NO_SHOWS_RELEASED_AUTOMATICALLY session walk, release "
                        + walk.get(0).releaseId() + ", 15 minutes after its start");
    }

    @Test
    void theAuditLogPageNamesTheAutomaticRelease() throws Exception {
        String id = event(0, true, false);
        assertThat(of(id, instance(at(PLENARY_STARTS.plusSeconds(60))).releaseDue())).hasSize(1);

        String page = mvc.perform(MockMvcRequestBuilders.get("/organiser/audit?event=" + id + "&lang=en")
                        .with(SecurityMockMvcRequestPostProcessors.user(TestOrganisers.ORGANISER)
                                .roles(OrganiserAccounts.ORGANISER)))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("seats released automatically", "no-show-release", "session plenary, release ");
    }

    @Test
    void ofTwoInstancesLookingAtOnceOneSendsAndARestartedOneSendsNothing() throws Exception {
        List<String> events = List.of(event(15, true, false), event(15, true, false), event(15, true, false));
        TestClock clock = at(PLENARY_STARTS.plusSeconds(20 * 60));
        AutomaticNoShowReleases first = instance(clock);
        AutomaticNoShowReleases second = instance(clock);

        CountDownLatch go = new CountDownLatch(1);
        var firstSent = CompletableFuture.supplyAsync(() -> await(go, first));
        var secondSent = CompletableFuture.supplyAsync(() -> await(go, second));
        go.countDown();
        List<AutomaticNoShowReleases.Sent> sent = new ArrayList<>(firstSent.get());
        sent.addAll(secondSent.get());

        for (String id : events) {
            assertThat(of(id, sent)).as("event %s: one release between the two", id)
                    .extracting(AutomaticNoShowReleases.Sent::sessionId).containsExactly("plenary");
        }
        AutomaticNoShowReleases restarted = instance(clock);
        for (String id : events) {
            assertThat(of(id, restarted.releaseDue())).as("a restarted instance finds the claim").isEmpty();
        }
        for (String id : events) {
            assertThat(releasesOf(id)).extracting(ReleaseNoShows::sessionId).containsExactly("plenary");
            assertThat(auditOf(id)).hasSize(1);
        }
    }

    private static List<AutomaticNoShowReleases.Sent> await(CountDownLatch go, AutomaticNoShowReleases scheduler) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return scheduler.releaseDue();
    }

    @Test
    void aReleaseTheBrokerRefusedIsSentByTheNextCheck() {
        String id = event(15, true, false);
        TestClock clock = at(PLENARY_STARTS.plusSeconds(16 * 60));
        AutomaticNoShowReleases brokerAway = new AutomaticNoShowReleases(catalogue, jdbc,
                RefusingCommandLogs.refusingEverySend(), audit, transaction, clock);

        assertThat(of(id, brokerAway.releaseDue())).isEmpty();
        assertThat(auditOf(id)).as("nothing recorded for a release not sent").isEmpty();
        assertThat(jdbc.sql("select count(*) from no_show_release_claims where event_id = :event")
                .param("event", id).query(Long.class).single()).as("the claim went back").isZero();

        clock.advance(Duration.ofSeconds(30));
        assertThat(of(id, instance(clock).releaseDue())).extracting(AutomaticNoShowReleases.Sent::sessionId)
                .containsExactly("plenary");
        assertThat(releasesOf(id)).extracting(ReleaseNoShows::sessionId).containsExactly("plenary");
    }

    @Test
    void nothingForAnEventWithoutTheOptionAfterASessionsEndOrForASessionCalledOff() {
        String byHand = event(15, false, false);
        String calledOff = event(15, true, true);
        TestClock clock = at(WALK_STARTS.plusSeconds(30 * 60));
        AutomaticNoShowReleases scheduler = instance(clock);

        List<AutomaticNoShowReleases.Sent> sent = scheduler.releaseDue();

        assertThat(of(byHand, sent)).as("the release is the organiser's button").isEmpty();
        assertThat(of(calledOff, sent)).as("plenary has ended, walk was called off").isEmpty();
        assertThat(releasesOf(byHand)).isEmpty();
        assertThat(releasesOf(calledOff)).isEmpty();
        assertThat(auditOf(byHand)).isEmpty();
        assertThat(auditOf(calledOff)).isEmpty();
    }
}
