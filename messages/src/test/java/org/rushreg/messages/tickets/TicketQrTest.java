package org.rushreg.messages.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class TicketQrTest {

    private final TicketCode tickets = TicketCode.withKeyOrRandom(TicketCode.newPrivateKey());

    @Test
    void thePngHoldsAQrCodeAScannerReadsAsTheTicketCode() {
        Ticket ticket = tickets.issue("kongres-2024", UUID.randomUUID().toString());

        byte[] png = TicketQr.of(ticket.code()).png(5);

        assertThat(QrReading.textOf(png)).isEqualTo(ticket.code());
        assertThat(tickets.verify(QrReading.textOf(png))).contains(ticket);
    }

    @Test
    void withItsFixedMaskEveryTicketReadsBackEvenAtTwoPixelsAModule() {
        for (int i = 0; i < 200; i++) {
            Ticket ticket = tickets.issue("kongres-2024", UUID.randomUUID().toString());

            assertThat(QrReading.textOf(TicketQr.of(ticket.code()).png(2))).isEqualTo(ticket.code());
        }
    }

    @Test
    void aTicketCodeFitsASmallSymbol() {
        String code = tickets.issue("kongres-2024", UUID.randomUUID().toString()).code();

        TicketQr qr = TicketQr.of(code);

        // version 8 (49 modules) and the quiet zone; a phone reads it off a screen or paper at arm's length
        assertThat(qr.size()).isLessThanOrEqualTo(49 + 2 * TicketQr.QUIET_ZONE);
        assertThat(qr.png(4).length).isLessThan(2_000);
        assertThat(qr.dark(0, 0)).isFalse();
        assertThat(qr.dark(TicketQr.QUIET_ZONE, TicketQr.QUIET_ZONE)).isTrue(); // a finder pattern's corner
    }
}
