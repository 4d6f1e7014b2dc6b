package org.rushreg.notification.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rushreg.messages.OrganiserMessageAddressed;
import org.rushreg.messages.Recipient;
import org.rushreg.messages.RegistrationDecided;
import org.rushreg.messages.RegistrationStatus;
import org.rushreg.messages.RejectionReason;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.EventSummary;
import org.rushreg.messages.SessionCancelledByOrganiser;
import org.rushreg.messages.SessionChangedByOrganiser;
import org.rushreg.messages.SessionOutcome;
import org.rushreg.messages.SessionsChanged;
import org.rushreg.messages.tickets.QrReading;
import org.rushreg.messages.tickets.Ticket;
import org.rushreg.messages.tickets.TicketCode;
import org.rushreg.notification.SampleDecisions;

/** Every kind of email, in both languages, says what it must and attaches the right calendar file. */
class EveryKindRendersTest {

    private static final DecisionEmailRenderer RENDERER =
            new DecisionEmailRenderer(new ManageLinks("https://kongres.example.org", "a-secret-of-at-least-16-chars"),
                    new EmailTickets(SampleDecisions.TICKET_KEY));

    /** The walk as it was before the organiser moved it, a day earlier, and the event at its old place. */
    static final SessionOutcome WALK_BEFORE = new SessionOutcome("walk-revitalisation", "Spacer studyjny",
            Instant.parse("2024-10-07T12:00:00Z"), Instant.parse("2024-10-07T14:00:00Z"), SessionStatus.CONFIRMED,
            null);
    static final EventSummary KONGRES_BEFORE = new EventSummary("kongres-2024",
            "IV Kongres Polityki Miejskiej i Regionalnej", "Hala Wisły", "ul. Inna 1, Kraków", "Europe/Warsaw",
            LocalDate.of(2024, 10, 7), LocalDate.of(2024, 10, 8), "kongres@example.org");

    static Notice notice(EmailKind kind, String locale) {
        String email = "someone@example.org";
        Recipient recipient = new Recipient("Anna", "Nowak", email, locale);
        return switch (kind) {
            case CONFIRMED -> Notice.about(SampleDecisions.confirmed(email, locale, SampleDecisions.DAY_1,
                    SampleDecisions.WALK));
            case WAITLISTED -> Notice.about(SampleDecisions.waitlisted(email, locale));
            case PROMOTED -> Notice.promoted(SampleDecisions.promoted("reg-1"), recipient);
            case CANCELLED -> Notice.cancelled(SampleDecisions.cancelled("reg-1", SampleDecisions.DAY_1,
                    SampleDecisions.WALK), recipient);
            case REJECTED -> Notice.about(SampleDecisions.rejected(email, locale, RejectionReason.FULL));
            case ALREADY_REGISTERED -> Notice.about(SampleDecisions.rejected(email, locale,
                    RejectionReason.ALREADY_REGISTERED)).withManageRegistrationId("original-1");
            case SESSIONS_CHANGED -> Notice.sessionsChanged(new SessionsChanged("changed-1", Instant.now(),
                    Schema.VERSION, "reg-1", "kongres-2024", "change-1", RegistrationStatus.CONFIRMED, null,
                    List.of(SampleDecisions.with(SampleDecisions.WALK, SessionStatus.CONFIRMED, null)),
                    List.of(SampleDecisions.with(SampleDecisions.DAY_1, SessionStatus.CANCELLED, null)),
                    SampleDecisions.KONGRES), recipient);
            case SESSION_CHANGED_BY_ORGANISER -> Notice.sessionChangedByOrganiser(new SessionChangedByOrganiser(
                    "moved-1", Instant.now(), Schema.VERSION, "reg-1", "kongres-2024", "configure-1",
                    RegistrationStatus.CONFIRMED, SampleDecisions.WALK, List.of(SampleDecisions.WALK),
                    SampleDecisions.KONGRES, WALK_BEFORE, KONGRES_BEFORE), recipient);
            case SESSION_CANCELLED_BY_ORGANISER -> Notice.sessionCancelledByOrganiser(
                    new SessionCancelledByOrganiser("called-off-1", Instant.now(), Schema.VERSION, "reg-1",
                            "kongres-2024", "configure-2", RegistrationStatus.CONFIRMED,
                            SampleDecisions.with(SampleDecisions.WALK, SessionStatus.CANCELLED, null),
                            SessionStatus.CONFIRMED, List.of(SampleDecisions.DAY_1,
                            SampleDecisions.with(SampleDecisions.WALK, SessionStatus.CANCELLED, null)),
                            SampleDecisions.KONGRES), recipient);
            case REMINDER -> Notice.reminder("reg-1", "reminder-PT24H-reg-1", Instant.now(), "kongres-2024",
                    SampleDecisions.KONGRES, recipient, List.of(SampleDecisions.DAY_1, SampleDecisions.WALK));
            case VERIFY_EMAIL -> Notice.verifyEmail(SampleDecisions.held(email, locale));
            case HOLD_EXPIRED -> Notice.holdExpired(SampleDecisions.expired(SampleDecisions.held(email, locale)),
                    new Recipient("Zofia", "Wiśniewska", email, locale));
            case ORGANISER_MESSAGE -> Notice.organiserMessage(new OrganiserMessageAddressed("message-1",
                    Instant.now(), Schema.VERSION, "reg-1", "kongres-2024", "send-1", "msg-1", null,
                    RegistrationStatus.CONFIRMED, List.of(SampleDecisions.WALK), SampleDecisions.KONGRES,
                    "Zmiana sali", "Panel w sali B.\n\nDo zobaczenia!", "Room change",
                    "The panel is in room B.\n\nSee you!"), recipient);
        };
    }

    static Stream<Arguments> kindsAndLanguages() {
        return Stream.of(
                Arguments.of(EmailKind.CONFIRMED, "pl", "Potwierdzenie rejestracji", "została potwierdzona"),
                Arguments.of(EmailKind.CONFIRMED, "en", "Registration confirmed", "is confirmed"),
                Arguments.of(EmailKind.WAITLISTED, "pl", "Lista rezerwowa", "pozycja 3"),
                Arguments.of(EmailKind.WAITLISTED, "en", "You are on the waitlist", "position 3"),
                Arguments.of(EmailKind.PROMOTED, "pl", "Zwolniło się miejsce", "jest ono teraz Twoje"),
                Arguments.of(EmailKind.PROMOTED, "en", "A seat is yours", "it is now yours"),
                Arguments.of(EmailKind.CANCELLED, "pl", "Rejestracja anulowana", "została anulowana"),
                Arguments.of(EmailKind.CANCELLED, "en", "Registration cancelled", "has been cancelled"),
                Arguments.of(EmailKind.REJECTED, "pl", "Rejestracja nieprzyjęta", "Wszystkie miejsca są już zajęte."),
                Arguments.of(EmailKind.REJECTED, "en", "Registration not accepted", "All seats are taken."),
                Arguments.of(EmailKind.ALREADY_REGISTERED, "pl", "Jesteś już zarejestrowany",
                        "Twoja wcześniejsza rejestracja jest nadal aktywna"),
                Arguments.of(EmailKind.ALREADY_REGISTERED, "en", "You are already registered",
                        "Your earlier registration is still active"),
                Arguments.of(EmailKind.SESSIONS_CHANGED, "pl", "Zmiana sesji", "Zmieniliśmy sesje"),
                Arguments.of(EmailKind.SESSIONS_CHANGED, "en", "Sessions changed", "We changed the sessions"),
                Arguments.of(EmailKind.SESSION_CHANGED_BY_ORGANISER, "pl", "Zmiana terminu lub miejsca",
                        "Organizator zmienił termin lub miejsce sesji"),
                Arguments.of(EmailKind.SESSION_CHANGED_BY_ORGANISER, "en", "Change of time or place",
                        "The organiser changed the time or place of a session"),
                Arguments.of(EmailKind.SESSION_CANCELLED_BY_ORGANISER, "pl", "Sesja odwołana",
                        "Organizator odwołał sesję „Spacer studyjny”"),
                Arguments.of(EmailKind.SESSION_CANCELLED_BY_ORGANISER, "en", "Session cancelled",
                        "The organiser cancelled the session “Spacer studyjny”"),
                Arguments.of(EmailKind.REMINDER, "pl", "Przypomnienie",
                        "Twoja pierwsza sesja zaczyna się 7 października 2024, 09:00"),
                Arguments.of(EmailKind.REMINDER, "en", "Reminder",
                        "your first session starts on 7 October 2024, 09:00"),
                // 12:30 UTC is 14:30 in Kraków (CEST)
                Arguments.of(EmailKind.VERIFY_EMAIL, "pl", "Potwierdź swój adres e-mail",
                        "do 20 września 2024, 14:30"),
                Arguments.of(EmailKind.VERIFY_EMAIL, "en", "Confirm your email address",
                        "until 20 September 2024, 14:30"),
                Arguments.of(EmailKind.HOLD_EXPIRED, "pl", "Rezerwacja wygasła",
                        "nie została potwierdzona do 20 września 2024, 14:30"),
                Arguments.of(EmailKind.HOLD_EXPIRED, "en", "Your hold expired",
                        "was not confirmed by 20 September 2024, 14:30"),
                Arguments.of(EmailKind.ORGANISER_MESSAGE, "pl", "Zmiana sali", "Panel w sali B."),
                Arguments.of(EmailKind.ORGANISER_MESSAGE, "en", "Room change", "The panel is in room B."));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("kindsAndLanguages")
    void rendersWithTheEventVenueContactAndItsOwnWords(EmailKind kind, String locale, String subject, String words) {
        Notice notice = notice(kind, locale);

        DecisionEmail email = RENDERER.render(notice, SampleDecisions.FIRST_FILES);

        assertThat(email.kind()).isEqualTo(kind);
        assertThat(email.subject()).startsWith(subject).endsWith("IV Kongres Polityki Miejskiej i Regionalnej");
        String dates = locale.equals("pl") ? "7 października 2024 – 8 października 2024" : "7 October 2024 – 8 October 2024";
        for (String body : List.of(email.text(), email.html())) {
            assertThat(body).contains(words, "IV Kongres Polityki Miejskiej i Regionalnej", dates,
                    "Centrum Konferencyjne Fabryczna CFK_13, ul. Fabryczna 13, Kraków", "kongres@example.org",
                    (locale.equals("pl") ? "Dzień dobry " : "Hello ") + notice.recipient().firstName() + ",");
            if (kind == EmailKind.REJECTED || kind == EmailKind.CANCELLED || kind == EmailKind.HOLD_EXPIRED) {
                assertThat(body).doesNotContain("manage?token").doesNotContain("verify?token");
            } else if (kind == EmailKind.VERIFY_EMAIL) {
                // the verification link in place of the manage link, and what is held said as held
                assertThat(body).doesNotContain("manage?token").contains("https://kongres.example.org/registrations/"
                        + notice.registrationId() + "/verify?token=")
                        .contains(locale.equals("pl") ? "miejsce trzymane" : "seat held");
            } else {
                assertThat(body).contains("https://kongres.example.org/registrations/"
                        + notice.manageRegistrationId() + "/manage?token=");
            }
        }
        assertThat(email.html()).startsWith("<!DOCTYPE html>").contains("lang=\"" + locale + "\"");
        assertThat(email.replyTo()).isEqualTo("kongres@example.org");
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("kindsAndLanguages")
    void onlyAnEmailThatGivesASeatCarriesTheTicketAndItsQrCodeVerifies(EmailKind kind, String locale, String subject,
                                                                       String words) {
        Notice notice = notice(kind, locale);

        DecisionEmail email = RENDERER.render(notice, SampleDecisions.FIRST_FILES);

        boolean seat = kind == EmailKind.CONFIRMED || kind == EmailKind.PROMOTED || kind == EmailKind.SESSIONS_CHANGED
                || kind == EmailKind.REMINDER;
        if (!seat) {
            assertThat(email.ticketImage()).isNull();
            assertThat(email.html()).doesNotContain("cid:");
            return;
        }
        String scanned = QrReading.textOf(email.ticketImage());
        Ticket ticket = TicketCode.withKeyOrRandom(SampleDecisions.TICKET_KEY).verify(scanned).orElseThrow();
        assertThat(ticket.eventId()).isEqualTo("kongres-2024");
        assertThat(ticket.registrationId()).isEqualTo(notice.registrationId());
        String label = locale.equals("pl") ? "Kod biletu: " : "Ticket code: ";
        assertThat(email.text()).contains(label + ticket.shortCode());
        assertThat(email.html()).contains(ticket.shortCode(), locale.equals("pl") ? "Twój bilet" : "Your ticket",
                "src=\"cid:" + DecisionEmail.ticketContentId(notice.registrationId()) + "\"");
    }

    @Test
    void sessionTimesAreInTheEventsTimeZone() {
        DecisionEmail promoted = RENDERER.render(notice(EmailKind.PROMOTED, "en"), SampleDecisions.FIRST_FILES);

        // 08:00Z on 8 October is 10:00 in Kraków (CEST)
        assertThat(promoted.text()).contains("Spacer studyjny (8 October 2024, 10:00–12:00)");
    }

    @Test
    void onlyEmailsAboutSeatsInviteAndOnlyCancellationsWithdrawEachFileValidForItsMethod() {
        assertThat(RENDERER.render(notice(EmailKind.WAITLISTED, "pl"), SampleDecisions.FIRST_FILES).calendars())
                .isEmpty();
        assertThat(RENDERER.render(notice(EmailKind.REJECTED, "pl"), SampleDecisions.FIRST_FILES).calendars())
                .isEmpty();
        assertThat(RENDERER.render(notice(EmailKind.ALREADY_REGISTERED, "pl"), SampleDecisions.FIRST_FILES)
                .calendars()).isEmpty();

        List<Calendar> confirmed = checked(RENDERER.render(notice(EmailKind.CONFIRMED, "pl"),
                SampleDecisions.FIRST_FILES));
        assertThat(confirmed).extracting(ItipRules::method).containsOnly("REQUEST");
        assertThat(confirmed).extracting(ItipRules::sequence).containsOnly(0);
        assertThat(confirmed).hasSize(2);

        CalendarStamp later = new CalendarStamp("kongres@example.org", Map.of("walk-revitalisation", 1, "day-1", 2));
        List<Calendar> promoted = checked(RENDERER.render(notice(EmailKind.PROMOTED, "pl"), later));
        assertThat(promoted).extracting(ItipRules::method).containsExactly("REQUEST");
        assertThat(promoted).extracting(ItipRules::uid)
                .containsExactly(SessionCalendar.uid("reg-1", "walk-revitalisation"));
        assertThat(promoted).extracting(ItipRules::sequence).containsExactly(1);

        List<Calendar> cancelled = checked(RENDERER.render(notice(EmailKind.CANCELLED, "en"), later));
        assertThat(cancelled).extracting(ItipRules::method).containsOnly("CANCEL");
        assertThat(cancelled).extracting(ItipRules::uid).containsExactlyInAnyOrder(
                SessionCalendar.uid("reg-1", "day-1"), SessionCalendar.uid("reg-1", "walk-revitalisation"));
        assertThat(cancelled).extracting(ItipRules::sequence).containsExactlyInAnyOrder(2, 1);
        for (Calendar calendar : cancelled) {
            assertThat(ItipRules.event(calendar).getProperty(Property.DTSTART).orElseThrow()
                    .getParameter(Parameter.TZID).orElseThrow().getValue()).isEqualTo("Europe/Warsaw");
        }
    }

    @Test
    void anOrganisersChangeShowsTheOldTimeAndPlaceBesideTheNew() {
        DecisionEmail pl = RENDERER.render(notice(EmailKind.SESSION_CHANGED_BY_ORGANISER, "pl"),
                SampleDecisions.FIRST_FILES);
        DecisionEmail en = RENDERER.render(notice(EmailKind.SESSION_CHANGED_BY_ORGANISER, "en"),
                SampleDecisions.FIRST_FILES);

        assertThat(pl.text()).contains("Co się zmieniło:",
                "- Termin: było 7 października 2024, 14:00–16:00 → jest 8 października 2024, 10:00–12:00",
                "- Miejsce: było Hala Wisły, ul. Inna 1, Kraków → jest Centrum Konferencyjne Fabryczna CFK_13, "
                        + "ul. Fabryczna 13, Kraków");
        assertThat(en.text()).contains("What changed:",
                "- When: was 7 October 2024, 14:00–16:00 → now 8 October 2024, 10:00–12:00");
        assertThat(en.html()).contains("<s>7 October 2024, 14:00–16:00</s>", "<strong>8 October 2024, 10:00–12:00</strong>",
                "<s>Hala Wisły, ul. Inna 1, Kraków</s>");
        assertThat(RENDERER.render(notice(EmailKind.CONFIRMED, "en"), SampleDecisions.FIRST_FILES).text())
                .doesNotContain("What changed");
    }

    @Test
    void aSessionCancelledByTheOrganiserWithdrawsItsCalendarEntryAndListsWhatIsLeft() {
        CalendarStamp later = new CalendarStamp("kongres@example.org", Map.of("walk-revitalisation", 3));
        DecisionEmail email = RENDERER.render(notice(EmailKind.SESSION_CANCELLED_BY_ORGANISER, "en"), later);

        assertThat(email.text()).contains("- Spacer studyjny (8 October 2024, 10:00–12:00) — cancelled",
                "- Dzień 1").doesNotContain("registration has been closed");
        List<Calendar> calendars = checked(email);
        assertThat(calendars).extracting(ItipRules::method).containsExactly("CANCEL");
        assertThat(calendars).extracting(ItipRules::uid)
                .containsExactly(SessionCalendar.uid("reg-1", "walk-revitalisation"));
        assertThat(calendars).extracting(ItipRules::sequence).containsExactly(3);
    }

    @Test
    void aChangeOfSessionsInvitesToTheKeptAndNewSessionsAndCancelsTheOnesGivenBack() {
        DecisionEmail email = RENDERER.render(notice(EmailKind.SESSIONS_CHANGED, "en"),
                new CalendarStamp("kongres@example.org", Map.of("walk-revitalisation", 1, "day-1", 1)));

        assertThat(email.text()).contains("Spacer studyjny").contains("confirmed").contains("cancelled");
        List<Calendar> calendars = checked(email);
        assertThat(calendars).extracting(ItipRules::method).containsExactly("REQUEST", "CANCEL");
        assertThat(calendars).extracting(ItipRules::uid).containsExactly(
                SessionCalendar.uid("reg-1", "walk-revitalisation"), SessionCalendar.uid("reg-1", "day-1"));
        assertThat(calendars).extracting(ItipRules::sequence).containsExactly(1, 1);
    }

    @Test
    void aReminderListsTheSessionsHeldInTheEventsZoneAndAttachesNoCalendarFile() {
        for (String locale : List.of("pl", "en")) {
            DecisionEmail reminder = RENDERER.render(notice(EmailKind.REMINDER, locale), SampleDecisions.FIRST_FILES);

            assertThat(reminder.calendars()).isEmpty();
            assertThat(reminder.decisionId()).isEqualTo("reminder-PT24H-reg-1");
            String confirmed = locale.equals("pl") ? "potwierdzone" : "confirmed";
            String day1 = locale.equals("pl") ? "7 października 2024, 09:00–17:00" : "7 October 2024, 09:00–17:00";
            String walk = locale.equals("pl") ? "8 października 2024, 10:00–12:00" : "8 October 2024, 10:00–12:00";
            for (String body : List.of(reminder.text(), reminder.html())) {
                assertThat(body).contains("Dzień 1: Rewitalizacja", day1, "Spacer studyjny", walk, confirmed);
            }
        }
    }

    @Test
    void markupAndLineBreaksInNamesStayText() {
        RegistrationDecided decided = SampleDecisions.decided(org.rushreg.messages.RegistrationStatus.WAITLISTED,
                null, new Recipient("<b onmouseover=x>Anna</b>\r\nBcc: x@evil.example", "Nowak", "a@example.org", "en"),
                SampleDecisions.with(SampleDecisions.WALK, org.rushreg.messages.SessionStatus.WAITLISTED, 1));

        DecisionEmail email = RENDERER.render(decided, SampleDecisions.FIRST_FILES);

        assertThat(email.html()).doesNotContain("<b onmouseover").contains("&lt;b onmouseover=x&gt;Anna&lt;/b&gt;");
        assertThat(email.text()).doesNotContain("\r\nBcc:").doesNotContain("\nBcc:");
        assertThat(email.toName()).doesNotContain("\r", "\n");
    }

    /** Every calendar file of the email, read back after passing RFC 5546's rules for its method. */
    private static List<Calendar> checked(DecisionEmail email) {
        return email.calendars().stream().map(ItipRules::check).toList();
    }
}
