package org.rushreg.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageJsonTest {

    @Test
    void aCommandTravelsAsJsonWithItsTypeAndComesBackEqual() {
        RegistrationCommand command = RegisterAttendee.of("kongres-2024", "r-1",
                new Registrant("Anna", "Nowak", "anna@example.org", "Urząd Miasta Krakowa"), List.of("day-1"), "pl");

        byte[] bytes = MessageJson.toBytes(command);

        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .contains("\"type\":\"RegisterAttendee\"")
                .contains("\"createdAt\":\"");
        assertThat(MessageJson.fromBytes(bytes, Topics.REGISTRATION_COMMANDS)).isEqualTo(command);
    }

    @Test
    void aSkippingReaderLeavesOutWhatItWasToldToAndReadsTheRest() {
        EventSummary event = new EventSummary("kongres-2024", "Kongres", "CKF", "Fabryczna 13", "Europe/Warsaw",
                LocalDate.of(2024, 10, 7), LocalDate.of(2024, 10, 8), "org@example.org",
                new Texts("Kongres", "Congress"));
        SessionOutcome session = new SessionOutcome("day-1", "Dzień 1", Instant.parse("2024-10-07T07:00:00Z"),
                Instant.parse("2024-10-07T16:00:00Z"), SessionStatus.WAITLISTED, 3, new Texts("Dzień 1", "Day 1"));
        RegistrationDecided decided = new RegistrationDecided("m-1", Instant.parse("2024-09-01T10:00:00Z"),
                Schema.VERSION, "r-1", "kongres-2024", "c-1", Instant.parse("2024-09-01T09:59:59Z"),
                RegistrationStatus.WAITLISTED, null, List.of(session), event,
                new Recipient("Anna", "Nowak", "anna@example.org", "pl"));
        MessageJson.Reader reader = MessageJson.skipping(Map.of(RegistrationDecided.class, Set.of("event"),
                SessionOutcome.class, Set.of("title", "titles", "startsAt", "endsAt")));

        RegistrationOutcome read = reader.fromBytes(MessageJson.toBytes(decided), Topics.REGISTRATION_DECISIONS);

        assertThat(read).isEqualTo(new RegistrationDecided("m-1", decided.createdAt(), Schema.VERSION, "r-1",
                "kongres-2024", "c-1", decided.requestedAt(), RegistrationStatus.WAITLISTED, null,
                List.of(new SessionOutcome("day-1", null, null, null, SessionStatus.WAITLISTED, 3, null)), null,
                decided.recipient()));
        assertThat(MessageJson.fromBytes(MessageJson.toBytes(decided), Topics.REGISTRATION_DECISIONS))
                .as("the ordinary reader still reads everything").isEqualTo(decided);
        assertThatThrownBy(() -> reader.fromBytes("{\"type\":\"Nonsense\"}".getBytes(StandardCharsets.UTF_8),
                Topics.REGISTRATION_DECISIONS)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void anEventDefinitionKeepsItsDatesAndSessions() {
        EventDefinition event = new EventDefinition("e", "Event", "Hall", "Street 1, Kraków", "Europe/Warsaw",
                LocalDate.of(2024, 10, 7), LocalDate.of(2024, 10, 8), null, Instant.parse("2024-10-06T00:00:00Z"),
                true, "org@example.org",
                List.of(new SessionDefinition("s", "Session", Instant.parse("2024-10-07T08:00:00Z"),
                        Instant.parse("2024-10-07T16:00:00Z"), 30)));

        RegistrationCommand back = MessageJson.fromBytes(MessageJson.toBytes(ConfigureEvent.of(event)),
                RegistrationCommand.class);

        assertThat(((ConfigureEvent) back).event()).isEqualTo(event);
    }

    @Test
    void anEventDefinitionWrittenBeforeEmailVerificationReadsWithoutIt() {
        String before = """
                {"type":"ConfigureEvent","messageId":"m-1","createdAt":"2024-09-01T08:00:00Z","schemaVersion":1,
                 "eventId":"e","event":{"id":"e","name":"Event","waitlistEnabled":true,"sessions":[]}}
                """;

        ConfigureEvent read = (ConfigureEvent) MessageJson.fromBytes(before.getBytes(StandardCharsets.UTF_8),
                Topics.REGISTRATION_COMMANDS);

        assertThat(read.event().requireEmailVerification()).isFalse();
        assertThat(read.event().verificationHoldUntil(Instant.parse("2024-09-10T09:00:00Z"))).isNull();
        assertThat(read.event()).isEqualTo(read.event().withEmailVerification(false, null));
    }

    @Test
    void aChangeOfSessionsAndItsAnswerTravelAsJsonAndComeBackEqual() {
        RegistrationCommand change = ChangeSessions.of("kongres-2024", "r-1", List.of("day-1", "walk"));
        byte[] commandBytes = MessageJson.toBytes(change);
        assertThat(new String(commandBytes, StandardCharsets.UTF_8)).contains("\"type\":\"ChangeSessions\"");
        assertThat(MessageJson.fromBytes(commandBytes, Topics.REGISTRATION_COMMANDS)).isEqualTo(change);

        Instant start = Instant.parse("2024-10-07T07:00:00Z");
        RegistrationOutcome changed = new SessionsChanged("m-2", Instant.parse("2024-10-01T10:00:00Z"),
                Schema.VERSION, "r-1", "kongres-2024", change.messageId(), RegistrationStatus.CONFIRMED, null,
                List.of(new SessionOutcome("day-1", "Day 1", start, start.plusSeconds(3600), SessionStatus.CONFIRMED,
                                null),
                        new SessionOutcome("walk", "Walk", start, start.plusSeconds(60), SessionStatus.WAITLISTED, 3)),
                List.of(new SessionOutcome("day-2", "Day 2", start, start.plusSeconds(60), SessionStatus.CANCELLED,
                        null)),
                new EventSummary("kongres-2024", "Kongres", "CFK_13", "Fabryczna 13", "Europe/Warsaw",
                        LocalDate.of(2024, 10, 7), LocalDate.of(2024, 10, 8), "org@example.org"));
        byte[] outcomeBytes = MessageJson.toBytes(changed);
        assertThat(new String(outcomeBytes, StandardCharsets.UTF_8)).contains("\"type\":\"SessionsChanged\"");
        assertThat(MessageJson.fromBytes(outcomeBytes, Topics.REGISTRATION_DECISIONS)).isEqualTo(changed);
    }

    @Test
    void aCancelledSessionIsMarkedAndASessionThatTakesPlaceIsWrittenAsBefore() {
        Instant start = Instant.parse("2024-10-07T07:00:00Z");
        SessionDefinition held = new SessionDefinition("walk", "Walk", start, start.plusSeconds(3600), 30);
        SessionDefinition calledOff = held.withCancelled(true);

        assertThat(new String(MessageJson.toBytes(held), StandardCharsets.UTF_8)).doesNotContain("cancelled");
        assertThat(new String(MessageJson.toBytes(calledOff), StandardCharsets.UTF_8))
                .contains("\"cancelled\":true");
        assertThat(MessageJson.fromBytes(MessageJson.toBytes(calledOff), SessionDefinition.class).offered())
                .isFalse();
        assertThat(held.withCancelled(false)).isEqualTo(held);
    }

    @Test
    void aSessionCancelledByTheOrganiserTravelsAsJsonAndComesBackEqual() {
        Instant start = Instant.parse("2024-10-07T07:00:00Z");
        SessionOutcome walk = new SessionOutcome("walk", "Walk", start, start.plusSeconds(60), SessionStatus.CANCELLED,
                null);
        RegistrationOutcome cancelled = new SessionCancelledByOrganiser("m-4", start, Schema.VERSION, "r-1",
                "kongres-2024", "c-1", RegistrationStatus.CANCELLED, walk, SessionStatus.WAITLISTED, List.of(walk),
                null);

        byte[] bytes = MessageJson.toBytes(cancelled);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"type\":\"SessionCancelledByOrganiser\"");
        assertThat(MessageJson.fromBytes(bytes, Topics.REGISTRATION_DECISIONS)).isEqualTo(cancelled);
    }

    @Test
    void aScanAndHowItWasDecidedTravelAsJsonAndComeBackEqual() {
        Instant scanned = Instant.parse("2024-10-07T07:12:00Z");
        RegistrationCommand scan = ScanTicket.of("kongres-2024", "device-1:42", "r-1", null, scanned);
        byte[] commandBytes = MessageJson.toBytes(scan);
        assertThat(new String(commandBytes, StandardCharsets.UTF_8)).contains("\"type\":\"ScanTicket\"")
                .doesNotContain("sessionId");
        assertThat(MessageJson.fromBytes(commandBytes, Topics.REGISTRATION_COMMANDS)).isEqualTo(scan);

        TicketScanned decided = new TicketScanned("m-3", scanned.plusSeconds(1), Schema.VERSION, "kongres-2024",
                "device-1:42", "r-1", "day-1", scanned, ScanResult.ALREADY_ADMITTED, scanned.minusSeconds(60), false);
        assertThat(MessageJson.fromBytes(MessageJson.toBytes(decided), Topics.ATTENDANCE)).isEqualTo(decided);
    }

    @Test
    void aRefusedChangeOfSessionsSaysWhy() {
        SessionsChanged refused = new SessionsChanged("m", Instant.parse("2024-10-01T10:00:00Z"), Schema.VERSION,
                "r-1", "e", "c", null, RejectionReason.UNKNOWN_REGISTRATION, null, null, null);

        SessionsChanged back = (SessionsChanged) MessageJson.fromBytes(MessageJson.toBytes(refused),
                RegistrationOutcome.class);

        assertThat(back.applied()).isFalse();
        assertThat(back.reason()).isEqualTo(RejectionReason.UNKNOWN_REGISTRATION);
        assertThat(back.sessions()).isEmpty();
        assertThat(back.released()).isEmpty();
    }

    @Test
    void fieldsFromANewerWriterAreIgnored() {
        String json = """
                {"type":"CancelRegistration","messageId":"m","createdAt":"2024-10-01T10:00:00Z","schemaVersion":2,
                 "eventId":"e","registrationId":"r","addedLater":"x"}""";

        RegistrationCommand command = MessageJson.fromBytes(json.getBytes(StandardCharsets.UTF_8),
                RegistrationCommand.class);

        assertThat(command).isEqualTo(new CancelRegistration("m", Instant.parse("2024-10-01T10:00:00Z"), 2, "e", "r"));
    }

    @Test
    void garbageIsReportedAsAMalformedMessageNamingTheExpectedType() {
        assertThatThrownBy(() -> MessageJson.fromBytes("{not json".getBytes(StandardCharsets.UTF_8),
                RegistrationOutcome.class))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("RegistrationOutcome");
    }

    @Test
    void personalDataDoesNotLeakThroughToString() {
        assertThat(new Registrant("Anna", "Nowak", "anna@example.org", "UMK").toString())
                .doesNotContain("Anna", "Nowak", "anna@example.org");
        assertThat(new Recipient("Anna", "Nowak", "anna@example.org", "pl").toString())
                .doesNotContain("Anna", "anna@example.org");
    }

    @Test
    void anAccessRequestAndItsSealedAnswersTravelAsJsonWithTheirTypeAndComeBackEqual() {
        KeyPair reader = SealedData.newKeyPair();
        String publicKey = SealedData.publicKeyText(reader.getPublic());
        RegistrationCommand command = ReportPersonalData.of("kongres-2024", "q-1", List.of("r-1", "r-2"), publicKey);
        assertThat(MessageJson.fromBytes(MessageJson.toBytes(command), Topics.REGISTRATION_COMMANDS))
                .isEqualTo(command);

        Instant at = Instant.parse("2024-10-01T10:00:00Z");
        CapacityDataReported.Held capacity = new CapacityDataReported.Held(List.of(
                new CapacityDataReported.HeldRegistration("r-1", RegistrationStatus.WAITLISTED, null, "digest",
                        List.of(new CapacityDataReported.HeldSeat("day-1", SessionStatus.WAITLISTED, 3L)), null, null)));
        NotificationDataReported.Held notifications = new NotificationDataReported.Held(
                List.of(new NotificationDataReported.HeldRecipient("r-1", "Anna", "Nowak", "anna@example.org", "pl",
                        "WAITLISTED", at, null)),
                List.of(new NotificationDataReported.SentEmail("r-1", "WAITLISTED", "SENT", at)),
                List.of(new NotificationDataReported.ReminderClaim("digest", at)));
        List<PersonalDataAccess> messages = List.of(
                PersonalDataRequested.of("q-1", "kongres-2024", List.of("r-1"), publicKey),
                CapacityDataReported.seal("m-1", at, "q-1", "kongres-2024", capacity, publicKey),
                NotificationDataReported.seal("q-1", "kongres-2024", notifications, publicKey));
        for (PersonalDataAccess message : messages) {
            byte[] bytes = MessageJson.toBytes(message);
            assertThat(new String(bytes, StandardCharsets.UTF_8))
                    .contains("\"type\":\"" + message.getClass().getSimpleName() + "\"")
                    .doesNotContain("Anna", "Nowak", "anna@example.org", "digest", "day-1");
            assertThat(MessageJson.fromBytes(bytes, Topics.PERSONAL_DATA_ACCESS)).isEqualTo(message);
        }
        assertThat(((CapacityDataReported) messages.get(1)).open(reader)).isEqualTo(capacity);
        assertThat(((NotificationDataReported) messages.get(2)).open(reader)).isEqualTo(notifications);
        assertThat(notifications.toString()).doesNotContain("Anna", "anna@example.org");
    }
}
