package org.rushreg.notification.rendering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CalendarSettingsTest {

    @Test
    void theOrganiserIsTheSettingOrElseTheSender() {
        assertThat(new CalendarSettings(" kalendarz@kongres.example.org ", "no-reply@kongres.example.org").organizer())
                .isEqualTo("kalendarz@kongres.example.org");
        assertThat(new CalendarSettings("", "no-reply@kongres.example.org").organizer())
                .isEqualTo("no-reply@kongres.example.org");
        assertThat(new CalendarSettings(null, "Kongres <no-reply@kongres.example.org>").organizer())
                .isEqualTo("no-reply@kongres.example.org");
    }

    @Test
    void anOrganiserThatIsNoAddressStopsTheStart() {
        assertThatThrownBy(() -> new CalendarSettings("not an address", "no-reply@kongres.example.org").organizer())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("calendar-organizer");
    }
}
