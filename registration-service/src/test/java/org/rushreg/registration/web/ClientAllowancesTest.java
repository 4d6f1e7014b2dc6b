package org.rushreg.registration.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientAllowancesTest {

    @Test
    void aClientGetsItsAllowanceThenTheWaitUntilItRefills() {
        ClientAllowances allowances = new ClientAllowances(3, Duration.ofMinutes(10), 100);
        for (int i = 0; i < 3; i++) {
            assertThat(allowances.take("192.0.2.1")).isZero();
        }
        Duration wait = allowances.take("192.0.2.1");
        assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(10));
        assertThat(allowances.take("192.0.2.2")).isZero();
    }

    @Test
    void memoryStaysBoundedUnderAFloodOfFreshAddresses() {
        ClientAllowances allowances = new ClientAllowances(300, Duration.ofMinutes(10), 1_000);
        for (int i = 0; i < 50_000; i++) {
            allowances.take("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }
        assertThat(allowances.tracked()).isLessThanOrEqualTo(1_000);
    }

    @Test
    void aFloodOfFreshAddressesDoesNotGiveABusyClientAFreshAllowance() {
        ClientAllowances allowances = new ClientAllowances(100, Duration.ofMinutes(10), 1_000);
        for (int i = 0; i < 100; i++) {
            assertThat(allowances.take("192.0.2.1")).isZero();
        }
        for (int i = 0; i < 20_000; i++) {
            allowances.take("10.0." + (i >> 8 & 255) + "." + (i & 255));
            if (i % 100 == 0) {
                assertThat(allowances.take("192.0.2.1")).as("after %d fresh addresses", i).isPositive();
            }
        }
        assertThat(allowances.take("192.0.2.1")).isPositive();
    }
}
