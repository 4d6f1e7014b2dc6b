package org.rushreg.capacity.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rushreg.capacity.allocation.EventFixtures.DAY_1;
import static org.rushreg.capacity.allocation.EventFixtures.configure;
import static org.rushreg.capacity.allocation.EventFixtures.event;
import static org.rushreg.capacity.allocation.EventFixtures.register;
import static org.rushreg.capacity.allocation.EventFixtures.session;

import org.junit.jupiter.api.Test;
import org.rushreg.messages.SendOrganiserMessage;

class CommandCheckTest {

    @Test
    void acceptsWellFormedCommands() {
        assertThat(CommandCheck.problemWith(configure(event(true, DAY_1)))).isEmpty();
        assertThat(CommandCheck.problemWith(register("r1", "a@example.org", "day-1"))).isEmpty();
        assertThat(CommandCheck.problemWith(EventFixtures.cancel("r1"))).isEmpty();
    }

    @Test
    void refusesRegistrationsWithoutAnId() {
        assertThat(CommandCheck.problemWith(register(" ", "a@example.org", "day-1"))).isPresent();
        assertThat(CommandCheck.problemWith(EventFixtures.cancel(null))).isPresent();
    }

    @Test
    void refusesEventDefinitionsTheRulesCannotWorkWith() {
        assertThat(CommandCheck.problemWith(configure(event(true, DAY_1, DAY_1))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("defined twice"));
        assertThat(CommandCheck.problemWith(configure(event(true,
                session("back-to-front", "2024-10-07T16:00:00Z", "2024-10-07T07:00:00Z", 5))))).isPresent();
        assertThat(CommandCheck.problemWith(configure(event(true,
                session("minus", "2024-10-07T07:00:00Z", "2024-10-07T16:00:00Z", -1))))).isPresent();
    }

    @Test
    void refusesAnOrganisersMessageWithoutItsIdOrAText() {
        assertThat(CommandCheck.problemWith(SendOrganiserMessage.of(EventFixtures.EVENT, "msg-1", null, "Temat",
                "Treść", "Subject", "Text"))).isEmpty();
        assertThat(CommandCheck.problemWith(SendOrganiserMessage.of(EventFixtures.EVENT, " ", null, "Temat",
                "Treść", "Subject", "Text"))).isPresent();
        assertThat(CommandCheck.problemWith(SendOrganiserMessage.of(EventFixtures.EVENT, "msg-1", "day-1", "Temat",
                "Treść", "Subject", null))).hasValueSatisfying(reason -> assertThat(reason).contains("blank text"));
    }
}
