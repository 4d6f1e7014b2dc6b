package org.rushreg.messages.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TicketCodeTest {

    private static final String KEY = TicketCode.newPrivateKey();
    private final TicketCode tickets = TicketCode.withKeyOrRandom(KEY);
    private final String registrationId = UUID.randomUUID().toString();

    @Test
    void aCodeVerifiesAsTheTicketOfItsEventAndRegistration() {
        Ticket ticket = tickets.issue("kongres-2024", registrationId);

        assertThat(tickets.verify(ticket.code())).contains(ticket);
        assertThat(ticket.eventId()).isEqualTo("kongres-2024");
        assertThat(ticket.registrationId()).isEqualTo(registrationId);
        assertThat(ticket.code()).startsWith("T1.kongres-2024." + registrationId + ".");
        assertThat(ticket.shortCode()).matches("[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}");
    }

    @Test
    void theSameKeyGivesTheSameCodeInEveryProcess() {
        TicketCode elsewhere = TicketCode.withKeyOrRandom(KEY);

        assertThat(elsewhere.issue("kongres-2024", registrationId)).isEqualTo(tickets.issue("kongres-2024",
                registrationId));
        assertThat(elsewhere.ephemeral()).isFalse();
    }

    @Test
    void aTamperedCodeDoesNotVerify() {
        String code = tickets.issue("kongres-2024", registrationId).code();
        String otherRegistration = code.replace(registrationId, UUID.randomUUID().toString());
        String otherEvent = code.replace("kongres-2024", "kongres-2025");
        int last = code.length() - 5;
        String flippedSignature = code.substring(0, last) + (code.charAt(last) == 'A' ? 'B' : 'A')
                + code.substring(last + 1);

        assertThat(tickets.verify(otherRegistration)).isEmpty();
        assertThat(tickets.verify(otherEvent)).isEmpty();
        assertThat(tickets.verify(flippedSignature)).isEmpty();
        assertThat(tickets.verify(code.substring(0, code.length() - 1))).isEmpty();
    }

    @Test
    void aCodeSignedWithAnotherKeyDoesNotVerify() {
        TicketCode forger = TicketCode.withKeyOrRandom(TicketCode.newPrivateKey());

        assertThat(tickets.verify(forger.issue("kongres-2024", registrationId).code())).isEmpty();
    }

    @Test
    void textThatIsNoCodeIsRefusedWithoutAnError() {
        for (String text : new String[] {null, "", "T1", "T1...", "T1.a.b.c", "X1.kongres-2024.r.AAAA", "ABCDE-FGHJK",
                "T1.kongres-2024.r.!!!", "T1." + "x".repeat(600)}) {
            assertThat(tickets.verify(text)).as(String.valueOf(text)).isEmpty();
        }
    }

    @Test
    void aDeviceWithThePublicKeyAloneVerifiesButCannotIssue() {
        TicketCode device = TicketCode.verifyingWith(tickets.publicKey());
        Ticket ticket = tickets.issue("kongres-2024", registrationId);

        assertThat(device.verify(ticket.code())).contains(ticket);
        assertThatThrownBy(() -> device.issue("kongres-2024", registrationId))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anyEd25519ImplementationVerifiesTheSignature() throws Exception {
        // A device may use the JDK's (or a browser's) Ed25519 rather than this class.
        Ticket ticket = tickets.issue("kongres-2024", registrationId);
        String code = ticket.code();
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(tickets.publicKey()))));
        jdk.update(("rushreg-ticket-v1|kongres-2024|" + registrationId).getBytes(StandardCharsets.UTF_8));

        assertThat(jdk.verify(Base64.getUrlDecoder().decode(code.substring(code.lastIndexOf('.') + 1)))).isTrue();
    }

    @Test
    void aKeyInPemFormIsTakenToo() {
        String pem = "-----BEGIN PRIVATE KEY-----\n" + KEY + "\n-----END PRIVATE KEY-----\n";

        assertThat(TicketCode.withKeyOrRandom(pem).publicKey()).isEqualTo(tickets.publicKey());
    }

    @Test
    void withoutAKeyCodesAreSignedWithOneOfThisProcessAlone() {
        TicketCode random = TicketCode.withKeyOrRandom(" ");

        assertThat(random.ephemeral()).isTrue();
        assertThat(tickets.verify(random.issue("kongres-2024", registrationId).code())).isEmpty();
    }

    @Test
    void aKeyThatIsNotAnEd25519PrivateKeySaysHowToMakeOne() {
        assertThatThrownBy(() -> TicketCode.withKeyOrRandom("bm90IGEga2V5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("openssl genpkey");
        assertThatThrownBy(() -> TicketCode.withKeyOrRandom("not base64 at all!"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TICKET_SIGNING_KEY");
    }

    @Test
    void anIdWithADotIsRefusedRatherThanMadeAmbiguous() {
        assertThatThrownBy(() -> tickets.issue("kongres.2024", registrationId))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
