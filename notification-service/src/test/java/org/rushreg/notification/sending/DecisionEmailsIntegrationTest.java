package org.rushreg.notification.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.rushreg.notification.TestInbox.findPart;
import static org.rushreg.notification.TestInbox.text;
import static org.rushreg.notification.TestInbox.uniqueAddress;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.DeliveryStatus;
import org.rushreg.messages.EventSummary;
import org.rushreg.messages.NotificationOutcome;
import org.rushreg.messages.RegistrationCancelled;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationPromoted;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.RejectionReason;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.SessionsChanged;
import org.rushreg.messages.Texts;
import org.rushreg.messages.Topics;
import org.rushreg.messages.tickets.QrReading;
import org.rushreg.messages.tickets.Ticket;
import org.rushreg.messages.tickets.TicketCode;
import org.rushreg.notification.RejectingSmtpProxy;
import org.rushreg.notification.SampleDecisions;
import org.rushreg.notification.ServiceIntegrationTest;
import org.rushreg.notification.TestInbox;
import org.rushreg.notification.delivery.SmtpCircuit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.binder.Binding;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;

// An outage is noticed after a few calls and the server tested again every second, so the test is quick.
@TestPropertySource(properties = {
        "notification.smtp.retry-attempts=2",
        "notification.smtp.retry-initial-backoff=50ms",
        "notification.smtp.breaker-minimum-calls=4",
        "notification.smtp.breaker-window=10",
        "notification.smtp.breaker-open-for=2s",
        "notification.smtp.breaker-probes=2",
        "notification.smtp.redelivery-delay=200ms",
        "spring.mail.properties.mail.smtp.connectiontimeout=1000",
        "spring.mail.properties.mail.smtp.timeout=2000"})
class DecisionEmailsIntegrationTest extends ServiceIntegrationTest {

    @Autowired
    private BindingServiceProperties bindings;

    @Autowired
    private Environment environment;

    @Autowired
    private SmtpCircuit smtp;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private BindingsLifecycleController lifecycle;

    @Test
    void bindingsUseTheTopicNamesOfTheSharedModule() {
        assertThat(bindings.getBindingDestination(DecisionsConfiguration.INPUT_BINDING))
                .isEqualTo(Topics.REGISTRATION_DECISIONS.name());
        String kafkaConsumer = "spring.cloud.stream.kafka.bindings." + DecisionsConfiguration.INPUT_BINDING + ".consumer.";
        assertThat(bindings.getBindingProperties(DecisionsConfiguration.INPUT_BINDING).getConsumer().isBatchMode())
                .as("a poll's decisions at a time").isTrue();
        assertThat(environment.getProperty(kafkaConsumer + "ack-mode")).isEqualTo("MANUAL");
        assertThat(environment.getProperty("spring.cloud.stream.kafka.binder.consumer-properties.isolation.level"))
                .isEqualTo("read_committed");
        assertThat(bindings.getBindingProperties(DecisionsConfiguration.INPUT_BINDING).getGroup())
                .isEqualTo("notification-service");
        assertThat(bindings.getBindingProperties(DecisionsConfiguration.INPUT_BINDING).getConsumer().getConcurrency())
                .isEqualTo(6);
    }

    @Test
    void everyDecisionGetsExactlyOneEmailAndASentOutcome() throws Exception {
        RegistrationDecided confirmed = SampleDecisions.confirmed(uniqueAddress("anna"), "pl", SampleDecisions.DAY_1,
                SampleDecisions.WALK);
        RegistrationDecided waitlisted = SampleDecisions.waitlisted(uniqueAddress("jan"), "en");
        RegistrationDecided aborted = SampleDecisions.confirmed(uniqueAddress("aborted"), "pl", SampleDecisions.DAY_1);

        kafka.publishAborted(aborted);
        kafka.publish(confirmed, waitlisted);

        awaitReported(confirmed, DeliveryStatus.SENT);
        awaitReported(waitlisted, DeliveryStatus.SENT);
        List<MimeMessage> toAnna = INBOX.to(confirmed.recipient().email());
        assertThat(toAnna).hasSize(1);
        assertThat(INBOX.to(waitlisted.recipient().email())).hasSize(1);
        assertThat(INBOX.to(aborted.recipient().email())).isEmpty();
        assertThat(kafka.outcomes()).filteredOn(o -> o.decisionId().equals(confirmed.messageId()))
                .extracting(NotificationOutcome::kind).containsOnly("CONFIRMED");

        MimeMessage confirmation = toAnna.get(0);
        assertThat(confirmation.getSubject()).contains("IV Kongres Polityki Miejskiej i Regionalnej");
        assertThat(confirmation.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(confirmation.getMessageID()).isEqualTo("<" + confirmed.messageId() + "@rushreg>");
        assertThat(confirmation.getFrom()[0].toString()).isEqualTo("no-reply@kongres.example.org");
        assertThat(confirmation.getReplyTo()[0].toString()).isEqualTo(SampleDecisions.KONGRES.organiserEmail());
        Part calendar = findPart(confirmation, "text/calendar");
        assertThat(calendar).isNotNull();
        assertThat(calendar.getFileName()).endsWith(".ics");
        assertThat(text(calendar)).contains("UID:" + confirmed.registrationId() + "-day-1@rushreg", "METHOD:REQUEST");
        assertThat(findPart(INBOX.to(waitlisted.recipient().email()).get(0), "text/calendar")).isNull();
    }

    @Test
    void anEnglishRecipientReadsTheEnglishTitlesInTheEmailAndItsCalendarEntry() throws Exception {
        // Decision 0045: the capacity-service copies the organiser's titles in both languages into the outcome.
        SessionOutcome day1 = new SessionOutcome("day-1", "Dzień 1 / Day 1", SampleDecisions.DAY_1.startsAt(),
                SampleDecisions.DAY_1.endsAt(), SessionStatus.CONFIRMED, null,
                Texts.of("Dzień 1: Rewitalizacja", "Day 1: Revitalisation"));
        EventSummary kongres = SampleDecisions.KONGRES;
        EventSummary named = new EventSummary(kongres.id(), kongres.name(), kongres.venue(), kongres.venueAddress(),
                kongres.timeZone(), kongres.startsOn(), kongres.endsOn(), kongres.organiserEmail(),
                Texts.of(kongres.name(), "4th Congress of Urban and Regional Policy"));
        RegistrationDecided confirmed = SampleDecisions.confirmed(uniqueAddress("emma"), "en", day1);
        RegistrationDecided english = new RegistrationDecided(confirmed.messageId(), confirmed.createdAt(),
                confirmed.schemaVersion(), confirmed.registrationId(), confirmed.eventId(), confirmed.commandId(),
                confirmed.requestedAt(), confirmed.status(), confirmed.reason(), confirmed.sessions(), named,
                confirmed.recipient());

        kafka.publish(english);

        awaitReported(english, DeliveryStatus.SENT);
        MimeMessage email = INBOX.to(english.recipient().email()).get(0);
        assertThat(email.getSubject()).isEqualTo("Registration confirmed: 4th Congress of Urban and Regional Policy");
        Part calendar = findPart(email, "text/calendar");
        assertThat(text(calendar).replace("\r\n ", ""))
                .contains("SUMMARY:4th Congress of Urban and Regional Policy: Day 1: Revitalisation")
                .doesNotContain("Rewitalizacja", "Dzień");
    }

    @Test
    void aDecisionDeliveredTwiceInOnePollIsEmailedOnce() {
        // One transaction: the two copies arrive in one poll, whose recipients are remembered together.
        RegistrationDecided confirmed = SampleDecisions.confirmed(uniqueAddress("twice"), "pl", SampleDecisions.DAY_1);
        RegistrationDecided next = SampleDecisions.confirmed(uniqueAddress("next"), "en", SampleDecisions.DAY_1);
        kafka.publish(confirmed, confirmed, next);

        awaitReported(next, DeliveryStatus.SENT);
        awaitReported(confirmed, DeliveryStatus.SENT);
        await().during(Duration.ofSeconds(2)).atMost(PATIENCE)
                .until(() -> INBOX.to(confirmed.recipient().email()).size() == 1);
        assertThat(INBOX.to(next.recipient().email())).hasSize(1);
    }

    @Test
    void aConfirmationCarriesATicketWhoseQrCodeVerifiesAndAWaitlistPlaceNone() throws Exception {
        RegistrationDecided confirmed = SampleDecisions.confirmed(uniqueAddress("ola"), "en", SampleDecisions.DAY_1);
        RegistrationDecided waitlisted = SampleDecisions.waitlisted(uniqueAddress("piotr"), "pl");

        kafka.publish(confirmed, waitlisted);

        awaitReported(confirmed, DeliveryStatus.SENT);
        awaitReported(waitlisted, DeliveryStatus.SENT);
        MimeMessage confirmation = INBOX.to(confirmed.recipient().email()).get(0);
        Part image = findPart(confirmation, "image/png");
        assertThat(image).isNotNull();
        assertThat(image.getDisposition()).isEqualTo(Part.INLINE);
        String scanned = QrReading.textOf(image.getInputStream().readAllBytes());
        // what a check-in device holding the public key alone would conclude
        TicketCode device = TicketCode.verifyingWith(TicketCode.withKeyOrRandom(SampleDecisions.TICKET_KEY).publicKey());
        Ticket ticket = device.verify(scanned).orElseThrow();
        assertThat(ticket.registrationId()).isEqualTo(confirmed.registrationId());
        assertThat(ticket.eventId()).isEqualTo(confirmed.eventId());
        assertThat(text(findPart(confirmation, "text/plain"))).contains("Ticket code: " + ticket.shortCode());
        assertThat(text(findPart(confirmation, "text/html")))
                .contains("cid:" + ((jakarta.mail.internet.MimeBodyPart) image).getContentID().replaceAll("[<>]", ""));
        assertThat(findPart(INBOX.to(waitlisted.recipient().email()).get(0), "image/png")).isNull();
    }

    @Test
    void aWaitlistedRegistrationIsToldOfItsPromotionAndCancellationOnceEach() throws Exception {
        RegistrationDecided waitlisted = SampleDecisions.waitlisted(uniqueAddress("jan"), "pl");
        RegistrationPromoted promoted = SampleDecisions.promoted(waitlisted.registrationId());
        RegistrationCancelled cancelled = SampleDecisions.cancelled(waitlisted.registrationId(), SampleDecisions.WALK);

        // The decision twice, as after a rebalance: the sent-record keeps it to one email.
        kafka.publish(waitlisted, waitlisted, promoted, promoted, cancelled);

        awaitReported(cancelled, DeliveryStatus.SENT);
        List<MimeMessage> toJan = INBOX.to(waitlisted.recipient().email());
        assertThat(toJan).extracting(MimeMessage::getSubject).containsExactly(
                "Lista rezerwowa: IV Kongres Polityki Miejskiej i Regionalnej",
                "Zwolniło się miejsce: IV Kongres Polityki Miejskiej i Regionalnej",
                "Rejestracja anulowana: IV Kongres Polityki Miejskiej i Regionalnej");
        String uid = "UID:" + waitlisted.registrationId() + "-walk-revitalisation@rushreg";
        assertThat(text(findPart(toJan.get(1), "text/calendar"))).contains("METHOD:REQUEST", uid);
        Part cancellation = findPart(toJan.get(2), "text/calendar");
        assertThat(cancellation.getContentType()).contains("method=CANCEL");
        assertThat(text(cancellation)).contains("METHOD:CANCEL", uid, "STATUS:CANCELLED");
        assertThat(kafka.outcomes()).filteredOn(o -> o.registrationId().equals(waitlisted.registrationId()))
                .extracting(NotificationOutcome::kind).containsExactly("WAITLISTED", "PROMOTED", "CANCELLED");
    }

    @Test
    void aSecondRegistrationRemindsTheOriginalAddressWithItsManageLink() throws Exception {
        String address = uniqueAddress("ewa");
        RegistrationDecided original = SampleDecisions.confirmed(address, "en", SampleDecisions.DAY_1);
        kafka.publish(original);
        awaitReported(original, DeliveryStatus.SENT);
        RegistrationDecided again = SampleDecisions.rejected("  " + address.toUpperCase() + " ", "en",
                RejectionReason.ALREADY_REGISTERED);

        kafka.publish(again);

        awaitReported(again, DeliveryStatus.SENT);
        List<MimeMessage> toEwa = INBOX.to(address);
        assertThat(toEwa).hasSize(2);
        MimeMessage reminder = toEwa.get(1);
        assertThat(reminder.getSubject()).startsWith("You are already registered");
        String body = text(findPart(reminder, "text/plain"));
        assertThat(body).contains("/registrations/" + original.registrationId() + "/manage?token=")
                .doesNotContain(again.registrationId());
    }

    @Test
    void aMailboxRefusedForGoodIsDeadLetteredAndReportedWhileTheOthersArrive() {
        RegistrationDecided refused = SampleDecisions.confirmed(
                uniqueAddress(RejectingSmtpProxy.REJECTED_PREFIX), "pl", SampleDecisions.DAY_1);
        List<RegistrationDecided> others = IntStream.range(0, 5)
                .mapToObj(i -> SampleDecisions.confirmed(uniqueAddress("other" + i), "pl", SampleDecisions.DAY_1))
                .toList();

        kafka.publish(refused);
        kafka.publish(others);

        awaitReported(refused, DeliveryStatus.FAILED);
        await().atMost(PATIENCE).until(() -> kafka.deadLetters().stream()
                .anyMatch(r -> refused.registrationId().equals(r.key())));
        others.forEach(o -> awaitReported(o, DeliveryStatus.SENT));
        NotificationOutcome failed = kafka.outcomes().stream()
                .filter(o -> o.decisionId().equals(refused.messageId()) && o.status() == DeliveryStatus.FAILED)
                .findFirst().orElseThrow();
        assertThat(failed.reason()).contains("550").doesNotContain(refused.recipient().email());
        assertThat(INBOX.to(refused.recipient().email())).isEmpty();
        others.forEach(o -> assertThat(INBOX.to(o.recipient().email())).hasSize(1));
    }

    @Test
    void aPromotionNobodyCanBeToldOfIsReportedAndDeadLettered() {
        RegistrationPromoted orphan = SampleDecisions.promoted(UUID.randomUUID().toString());

        kafka.publish(orphan);

        awaitReported(orphan, DeliveryStatus.FAILED);
        await().atMost(PATIENCE).until(() -> kafka.deadLetters().stream()
                .anyMatch(r -> orphan.registrationId().equals(r.key())));
    }

    @Test
    void aChangeOfSessionsIsEmailedOnceAndARefusedOneIsAcknowledgedWithoutAnEmail() throws Exception {
        RegistrationDecided confirmed = SampleDecisions.confirmed(uniqueAddress("marta"), "pl", SampleDecisions.DAY_1);
        SessionsChanged changed = new SessionsChanged(Schema.newMessageId(), Schema.now(), Schema.VERSION,
                confirmed.registrationId(), SampleDecisions.KONGRES.id(), Schema.newMessageId(),
                RegistrationStatus.CONFIRMED, null, List.of(SampleDecisions.WALK),
                List.of(SampleDecisions.with(SampleDecisions.DAY_1, SessionStatus.CANCELLED, null)),
                SampleDecisions.KONGRES);
        SessionsChanged refused = new SessionsChanged(Schema.newMessageId(), Schema.now(), Schema.VERSION,
                confirmed.registrationId(), SampleDecisions.KONGRES.id(), Schema.newMessageId(),
                RegistrationStatus.CONFIRMED, RejectionReason.REGISTRATION_CLOSED, List.of(SampleDecisions.WALK),
                List.of(), SampleDecisions.KONGRES);
        RegistrationCancelled cancelled = SampleDecisions.cancelled(confirmed.registrationId(), SampleDecisions.WALK);

        kafka.publish(confirmed, changed, changed, refused, cancelled);

        // One key, one partition: the cancellation is handled after the changes.
        awaitReported(cancelled, DeliveryStatus.SENT);
        awaitReported(changed, DeliveryStatus.SENT);
        assertThat(INBOX.to(confirmed.recipient().email())).as("confirmed, sessions changed (once), cancelled")
                .hasSize(3);
        await().during(Duration.ofSeconds(3)).atMost(PATIENCE).until(() -> kafka.deadLetters().stream()
                .noneMatch(r -> confirmed.registrationId().equals(r.key())));
    }

    @Test
    void aRecordThatIsNotADecisionGoesToTheDeadLetterTopic() {
        String key = UUID.randomUUID().toString();
        kafka.publishRaw(key, "{not a decision".getBytes(StandardCharsets.UTF_8));

        await().atMost(PATIENCE).until(() -> kafka.deadLetters().stream().anyMatch(r -> key.equals(r.key())));
    }

    @Test
    void aBurstDuringAMailServerOutageIsDeliveredOnceEachAfterItComesBack() {
        List<CircuitBreaker.StateTransition> transitions = new CopyOnWriteArrayList<>();
        smtp.breaker().getEventPublisher().onStateTransition(e -> transitions.add(e.getStateTransition()));
        double pausesBefore = meters.counter("notification.consumption.pauses").count();
        List<RegistrationDecided> burst = IntStream.range(0, 200)
                .mapToObj(i -> SampleDecisions.confirmed(uniqueAddress("burst" + i), i % 2 == 0 ? "pl" : "en",
                        SampleDecisions.DAY_1))
                .toList();
        INBOX.stop();
        try {
            kafka.publish(burst);
            await().atMost(PATIENCE).until(() -> transitions.contains(CircuitBreaker.StateTransition.CLOSED_TO_OPEN));
            await().atMost(PATIENCE)
                    .until(() -> meters.counter("notification.consumption.pauses").count() > pausesBefore);
            await().atMost(PATIENCE).until(() -> smtp.breaker().getState() == CircuitBreaker.State.OPEN
                    && lifecycle.queryState(DecisionsConfiguration.INPUT_BINDING).stream().allMatch(Binding::isPaused));
            assertThat(kafka.outcomes()).anyMatch(o -> o.status() == DeliveryStatus.RETRYING);
        } finally {
            // back whatever happened above: the class's other tests share this mail server
            INBOX.start();
        }

        await().atMost(PATIENCE).until(() -> kafka.reportedAll(burst, DeliveryStatus.SENT));
        List<MimeMessage> arrived = INBOX.all();
        for (RegistrationDecided decided : burst) {
            assertThat(arrived.stream().filter(m -> TestInbox.addressedTo(m, decided.recipient().email())))
                    .as("emails to burst registration %s", decided.registrationId()).hasSize(1);
        }
        assertThat(transitions).contains(CircuitBreaker.StateTransition.CLOSED_TO_OPEN,
                CircuitBreaker.StateTransition.OPEN_TO_HALF_OPEN, CircuitBreaker.StateTransition.HALF_OPEN_TO_CLOSED);
        assertThat(smtp.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(kafka.deadLetters()).noneMatch(r -> burst.stream().anyMatch(d -> d.registrationId().equals(r.key())));
    }

    @Test
    void manyEmailsGoOutOverAFewKeptSmtpConnections() {
        List<RegistrationDecided> decisions = IntStream.range(0, 60)
                .mapToObj(i -> SampleDecisions.confirmed(uniqueAddress("kept" + i), "pl", SampleDecisions.DAY_1))
                .toList();
        int connectionsBefore = INBOX.connections();

        kafka.publish(decisions);

        await().atMost(PATIENCE).until(() -> kafka.reportedAll(decisions, DeliveryStatus.SENT));
        int consumers = bindings.getBindingProperties(DecisionsConfiguration.INPUT_BINDING).getConsumer()
                .getConcurrency();
        // One per consumer, and at most one more each where a kept connection reached its 100 emails or sat idle.
        assertThat(INBOX.connections() - connectionsBefore).as("SMTP connections opened for 60 emails")
                .isLessThanOrEqualTo(2 * consumers);
        decisions.forEach(d -> assertThat(INBOX.to(d.recipient().email())).hasSize(1));
    }

    @Test
    void connectionsCutMidStreamLoseNoEmailAndRepeatAtMostTheOnesInFlight() {
        List<RegistrationDecided> burst = IntStream.range(0, 300)
                .mapToObj(i -> SampleDecisions.confirmed(uniqueAddress("cut" + i), "en", SampleDecisions.DAY_1))
                .toList();
        kafka.publish(burst);
        await().atMost(PATIENCE).until(() -> burst.stream()
                .filter(d -> !INBOX.to(d.recipient().email()).isEmpty()).count() >= 30);

        // GreenMail's thread of a connection cut in the middle of the data throws, uncaught: not this test's failure.
        INBOX.cutOff();
        try {
            await().dontCatchUncaughtExceptions().atMost(PATIENCE)
                    .until(() -> smtp.breaker().getState() == CircuitBreaker.State.OPEN);
        } finally {
            INBOX.restore();
        }

        await().dontCatchUncaughtExceptions().atMost(PATIENCE)
                .until(() -> kafka.reportedAll(burst, DeliveryStatus.SENT));
        int repeats = 0;
        for (RegistrationDecided decided : burst) {
            List<MimeMessage> arrived = INBOX.to(decided.recipient().email());
            assertThat(arrived).as("emails to %s", decided.registrationId()).isNotEmpty()
                    .allSatisfy(m -> assertThat(m.getMessageID()).isEqualTo("<" + decided.messageId() + "@rushreg>"));
            repeats += arrived.size() - 1;
        }
        // Only an email whose data the server took just as its connection was cut can come again (decision 0010).
        assertThat(repeats).as("repeated deliveries of the same message").isLessThanOrEqualTo(
                bindings.getBindingProperties(DecisionsConfiguration.INPUT_BINDING).getConsumer().getConcurrency());
        assertThat(kafka.deadLetters()).noneMatch(r -> burst.stream().anyMatch(d -> d.registrationId().equals(r.key())));
    }

    private void awaitReported(org.rushreg.messages.RegistrationOutcome outcome, DeliveryStatus status) {
        await().atMost(PATIENCE).until(() -> kafka.reported(outcome, status));
    }
}
