package org.rushreg.notification.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.Recipient;

class ReminderRecipientTest {

    private static final Recipient REGISTERED = new Recipient("Anna", "Nowak", "anna@example.org", "pl");
    private static final Recipient REQUESTED = new Recipient("Mallory", "Intruz", " ANNA@example.org ", "en");

    @Test
    void aReminderAddressesThePersonAsTheyRegistered() {
        assertThat(ReminderRecipient.of(REGISTERED, REQUESTED)).isEqualTo(REGISTERED);
    }

    @Test
    void withoutAKnownRegistrationTheReminderCarriesNoNameFromTheRequest() {
        Recipient anonymous = ReminderRecipient.of(null, REQUESTED);

        assertThat(anonymous.firstName()).isNull();
        assertThat(anonymous.lastName()).isNull();
        assertThat(anonymous.email()).isEqualTo(REQUESTED.email());
        assertThat(anonymous.locale()).isEqualTo("en");
    }

    @Test
    void theIntervalDefaultsToADayAndZeroMeansNoLimit() {
        assertThat(new ReminderSettings(null).interval()).isEqualTo(Duration.ofHours(24));
        assertThat(new ReminderSettings(null).limited()).isTrue();
        assertThat(new ReminderSettings(Duration.ZERO).limited()).isFalse();
        assertThatThrownBy(() -> new ReminderSettings(Duration.ofHours(-1)))
                .hasMessageContaining("REMINDER_INTERVAL");
    }
}
