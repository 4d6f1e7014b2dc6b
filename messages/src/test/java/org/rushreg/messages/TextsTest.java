package org.rushreg.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A person reads an event's texts in their language, else the other one, else the single text (decision 0045). */
class TextsTest {

    private static final Instant START = Instant.parse("2024-10-07T07:00:00Z");

    @Test
    void eachReaderGetsTheirOwnLanguage() {
        SessionDefinition day = session("Dzień 1 — Otwarcie / Day 1 — Opening", Texts.of("Dzień 1 — Otwarcie",
                "Day 1 — Opening"));

        assertThat(day.titleIn("pl")).isEqualTo("Dzień 1 — Otwarcie");
        assertThat(day.titleIn("en")).isEqualTo("Day 1 — Opening");
        assertThat(day.titleIn("en-GB")).isEqualTo("Day 1 — Opening");
        assertThat(Texts.in(day.titles(), Locale.ENGLISH, day.title())).isEqualTo("Day 1 — Opening");
    }

    @Test
    void aMissingLanguageFallsBackToTheOtherThenToTheSingleTitle() {
        assertThat(session("Plenary", Texts.of("Sesja plenarna", null)).titleIn("en")).isEqualTo("Sesja plenarna");
        assertThat(session("Plenary", Texts.of(null, "Plenary session")).titleIn("pl")).isEqualTo("Plenary session");
        assertThat(session("Plenary", Texts.of("  ", "")).titleIn("en")).isEqualTo("Plenary");
        assertThat(session("Plenary", null).titleIn("pl")).isEqualTo("Plenary");
        assertThat(session("Plenary", null).descriptionIn("en")).isNull();
    }

    @Test
    void aReaderWithoutALanguageReadsPolishTheFormsDefault() {
        assertThat(Texts.of("Kongres", "Congress").in((String) null, "fallback")).isEqualTo("Kongres");
    }

    @Test
    void theEventsNameAndDescriptionFollowTheSameRules() {
        EventDefinition event = new EventDefinition("e", "Kongres / Congress", null, null, "Europe/Warsaw", null,
                null, null, null, true, null, List.of())
                .withTexts(Texts.of("Kongres", "Congress"), Texts.of(null, "Two days about cities."));

        assertThat(event.nameIn("pl")).isEqualTo("Kongres");
        assertThat(event.nameIn("en")).isEqualTo("Congress");
        assertThat(event.descriptionIn("pl")).isEqualTo("Two days about cities.");
        assertThat(EventSummary.of(event).nameIn("en")).isEqualTo("Congress");
        assertThat(event.withTexts(null, null).nameIn("en")).isEqualTo("Kongres / Congress");
    }

    @Test
    void theOrganisersPrivacyNoticeIsReadInTheReadersLanguageAndSurvivesTheEventsOtherChanges() {
        EventDefinition event = new EventDefinition("e", "Kongres", null, null, "Europe/Warsaw", null, null, null,
                null, true, null, List.of())
                .withPrivacyNotices(Texts.of("Administratorem danych jest organizator.", null))
                .withTexts(Texts.of("Kongres", "Congress"), null)
                .withNoShowRelease(15, true)
                .withEmailVerification(true, null)
                .withSessions(List.of());

        assertThat(event.privacyNoticeIn("pl")).isEqualTo("Administratorem danych jest organizator.");
        assertThat(event.privacyNoticeIn("en")).as("the other language, as for every text")
                .isEqualTo("Administratorem danych jest organizator.");
        assertThat(event.withPrivacyNotices(Texts.of(" ", null)).privacyNoticeIn("pl")).as("blank: none").isNull();
        assertThat(event.withPrivacyNotices(null).privacyNotices()).isNull();
    }

    @Test
    void aDefinitionWrittenBeforeTheTextsReadsWithTheSingleTitleAndWritesAsBefore() {
        String before = """
                {"type":"ConfigureEvent","messageId":"m-1","createdAt":"2024-09-01T08:00:00Z","schemaVersion":1,
                 "eventId":"e","event":{"id":"e","name":"Kongres / Congress","waitlistEnabled":true,
                 "sessions":[{"id":"day-1","title":"Dzień 1 / Day 1","startsAt":"2024-10-07T07:00:00Z",
                 "endsAt":"2024-10-07T15:00:00Z","capacity":10}]}}
                """;

        ConfigureEvent read = (ConfigureEvent) MessageJson.fromBytes(before.getBytes(StandardCharsets.UTF_8),
                Topics.REGISTRATION_COMMANDS);

        assertThat(read.event().names()).isNull();
        assertThat(read.event().nameIn("en")).isEqualTo("Kongres / Congress");
        assertThat(read.event().sessions().get(0).titleIn("en")).isEqualTo("Dzień 1 / Day 1");
        assertThat(MessageJson.toJson(read.event())).doesNotContain("names", "titles", "descriptions");
    }

    @Test
    void textsTravelWithTheDefinitionAndTheOutcome() {
        EventDefinition event = new EventDefinition("e", "Kongres", null, null, "Europe/Warsaw", null, null, null,
                null, true, null, List.of(session("Day 1", Texts.of("Dzień 1", "Day 1"))
                        .withTexts(Texts.of("Dzień 1", "Day 1"), Texts.of("Otwarcie", "Opening"))))
                .withTexts(Texts.of("Kongres", "Congress"), null);

        EventDefinition back = ((ConfigureEvent) MessageJson.fromBytes(
                MessageJson.toBytes(ConfigureEvent.of(event)), RegistrationCommand.class)).event();
        assertThat(back).isEqualTo(event);
        assertThat(back.sessions().get(0).descriptionIn("en")).isEqualTo("Opening");

        SessionOutcome outcome = new SessionOutcome("day-1", "Day 1", START, START.plusSeconds(60),
                SessionStatus.CONFIRMED, null, Texts.of("Dzień 1", "Day 1"));
        String json = MessageJson.toJson(outcome);
        assertThat(MessageJson.fromBytes(json.getBytes(StandardCharsets.UTF_8), SessionOutcome.class))
                .isEqualTo(outcome);
        assertThat(outcome.titleIn("pl")).isEqualTo("Dzień 1");
    }

    private static SessionDefinition session(String title, Texts titles) {
        return new SessionDefinition("s", title, START, START.plusSeconds(3600), 10, null, titles, null);
    }
}
