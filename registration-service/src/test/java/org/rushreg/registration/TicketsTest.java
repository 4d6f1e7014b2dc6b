package org.rushreg.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.ManageToken;
import org.rushreg.messages.MessageJson;
import org.rushreg.messages.RegistrationCancelled;
import org.rushreg.messages.Schema;
import org.rushreg.messages.SessionStatus;
import org.rushreg.messages.Topics;
import org.rushreg.messages.tickets.QrReading;
import org.rushreg.messages.tickets.Ticket;
import org.rushreg.messages.tickets.TicketCode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The ticket of a registration with a seat: on the manage page (QR code and code), as an image and a printable PDF
 * under the manage link's token, and checked against the registration's state by the organisers' API. A waitlisted
 * or cancelled registration has none.
 */
class TicketsTest extends ServiceTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    MockMvc mvc;

    private StandInServices services;

    @BeforeEach
    void standIn() {
        services = new StandInServices(broker);
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void aConfirmedRegistrationsManagePageShowsTheQrCodeTheCodeAndThePrintableTicket() throws Exception {
        String id = registered(SessionStatus.CONFIRMED);
        Ticket expected = TicketCode.withKeyOrRandom(TICKET_KEY).issue(EVENT, id);

        String page = manage(id, "").getContentAsString();

        assertThat(page).contains("id=\"ticket\"", "Twój bilet", expected.shortCode(),
                "/registrations/" + id + "/ticket.png?token=", "/registrations/" + id + "/ticket.pdf?token=");
        assertThat(manage(id, "en").getContentAsString()).contains("Your ticket", "Ticket to print (PDF)");

        MockHttpServletResponse png = perform("/registrations/" + id + "/ticket.png", token(id));
        assertThat(png.getStatus()).isEqualTo(200);
        assertThat(png.getContentType()).isEqualTo("image/png");
        assertThat(png.getHeader("Cache-Control")).contains("no-store");
        // what a check-in device with the published public key alone concludes from the scan
        String publicKey = get("/api/tickets/public-key").json().path("publicKey").asString();
        Ticket scanned = TicketCode.verifyingWith(publicKey).verify(QrReading.textOf(png.getContentAsByteArray()))
                .orElseThrow();
        assertThat(scanned).isEqualTo(expected);
    }

    @Test
    void thePrintableTicketIsAPdfWithTheEventTheNameTheSessionsTheCodeAndAReadableQrCode() throws Exception {
        String id = registered(SessionStatus.CONFIRMED);
        Ticket expected = TicketCode.withKeyOrRandom(TICKET_KEY).issue(EVENT, id);

        MockHttpServletResponse pdf = perform("/registrations/" + id + "/ticket.pdf", token(id));

        assertThat(pdf.getStatus()).isEqualTo(200);
        assertThat(pdf.getContentType()).isEqualTo("application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf.getContentAsByteArray())) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            java.nio.file.Files.write(java.nio.file.Path.of("target", "ticket.pdf"), pdf.getContentAsByteArray());
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains("IV Kongres Polityki Miejskiej i Regionalnej", "Łucja Żółkiewska",
                    "Dzień 1", "7 października 2024", expected.shortCode(), "Kod biletu");
            BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 150);
            assertThat(QrReading.textOf(page)).isEqualTo(expected.code());
        }
    }

    @Test
    void theTicketNeedsTheManageLinksToken() throws Exception {
        String id = registered(SessionStatus.CONFIRMED);

        assertThat(perform("/registrations/" + id + "/ticket.png", "1.forged").getStatus()).isEqualTo(403);
        assertThat(perform("/registrations/" + id + "/ticket.pdf", null).getStatus()).isEqualTo(403);
    }

    @Test
    void aWaitlistedRegistrationHasNoTicket() throws Exception {
        String id = registered(SessionStatus.WAITLISTED);

        assertThat(manage(id, "").getContentAsString()).doesNotContain("id=\"ticket\"").doesNotContain("ticket.png");
        assertThat(perform("/registrations/" + id + "/ticket.png", token(id)).getStatus()).isEqualTo(404);
        assertThat(perform("/registrations/" + id + "/ticket.pdf", token(id)).getStatus()).isEqualTo(404);
        String code = TicketCode.withKeyOrRandom(TICKET_KEY).issue(EVENT, id).code();
        assertThat(check(EVENT, code).json().path("result").asString()).isEqualTo("NOT_CONFIRMED");
    }

    @Test
    void aCancelledRegistrationsTicketStopsWorking() throws Exception {
        String id = registered(SessionStatus.CONFIRMED);
        String code = TicketCode.withKeyOrRandom(TICKET_KEY).issue(EVENT, id).code();
        assertThat(check(EVENT, code).json().path("result").asString()).isEqualTo("VALID");

        publishCancellation(id);

        await().atMost(PATIENCE).until(() -> "CANCELLED".equals(
                get("/api/registrations/" + id).json().path("status").asString()));
        assertThat(check(EVENT, code).json().path("result").asString()).isEqualTo("CANCELLED");
        assertThat(manage(id, "").getContentAsString()).doesNotContain("id=\"ticket\"");
        assertThat(perform("/registrations/" + id + "/ticket.png", token(id)).getStatus()).isEqualTo(404);
    }

    @Test
    void theCheckTellsAGenuineTicketFromAForgedAlteredOrForeignOne() {
        String id = registered(SessionStatus.CONFIRMED);
        TicketCode ours = TicketCode.withKeyOrRandom(TICKET_KEY);
        String code = ours.issue(EVENT, id).code();

        Answer valid = check(EVENT, code);
        assertThat(valid.status()).isEqualTo(200);
        assertThat(valid.json().path("result").asString()).isEqualTo("VALID");
        assertThat(valid.json().path("registrationId").asString()).isEqualTo(id);
        assertThat(valid.json().path("confirmedSessions").toString()).contains("day-1");

        String forged = TicketCode.withKeyOrRandom(TicketCode.newPrivateKey()).issue(EVENT, id).code();
        assertThat(check(EVENT, forged).json().path("result").asString()).isEqualTo("UNKNOWN");
        assertThat(check(EVENT, code.replace(id, java.util.UUID.randomUUID().toString())).json().path("result")
                .asString()).isEqualTo("UNKNOWN");
        assertThat(check(EVENT, "K7M2Q-9XAB3").json().path("result").asString()).isEqualTo("UNKNOWN");
        assertThat(check(EVENT, ours.issue("another-event", id).code()).json().path("result").asString())
                .isEqualTo("OTHER_EVENT");
        // a genuine code of a registration this service does not know (e.g. erased): not admitted
        assertThat(check(EVENT, ours.issue(EVENT, java.util.UUID.randomUUID().toString()).code()).json()
                .path("result").asString()).isEqualTo("UNKNOWN");
    }

    @Test
    void theCheckIsForOrganisersOnly() {
        Answer anonymous = postJson("/api/organiser/events/" + EVENT + "/tickets/check", Map.of("code", "x"),
                Map.of());
        Answer viewer = postJson("/api/organiser/events/" + EVENT + "/tickets/check", Map.of("code", "x"),
                Map.of("Authorization", basic(TestOrganisers.VIEWER, TestOrganisers.VIEWER_PASSWORD)));

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(viewer.status()).isEqualTo(403);
    }

    /** A registration (with a Polish name, for the PDF's font) decided as given, once the read model shows it. */
    private String registered(SessionStatus decision) {
        var body = with(with(registration("day-1"), "firstName", "Łucja"), "lastName", "Żółkiewska");
        String id = register(body).json().path("registrationId").asString();
        awaitRecorded(id);
        services.decide(id, Instant.now(), decision, "day-1");
        String status = decision == SessionStatus.CONFIRMED ? "CONFIRMED" : "WAITLISTED";
        await().atMost(PATIENCE).until(() -> status.equals(
                get("/api/registrations/" + id).json().path("status").asString()));
        return id;
    }

    private void publishCancellation(String id) {
        var producers = new org.springframework.kafka.core.DefaultKafkaProducerFactory<>(
                org.springframework.kafka.test.utils.KafkaTestUtils.producerProps(broker),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer());
        try {
            new org.springframework.kafka.core.KafkaTemplate<>(producers).send(Topics.REGISTRATION_DECISIONS.name(), id,
                    MessageJson.toBytes(new RegistrationCancelled(Schema.newMessageId(), Instant.now(),
                            Schema.VERSION, id, EVENT, List.of(), null))).join();
        } finally {
            producers.destroy();
        }
    }

    private Answer check(String eventId, String code) {
        return postJson("/api/organiser/events/" + eventId + "/tickets/check", Map.of("code", code),
                Map.of("Authorization", basic(TestOrganisers.ORGANISER, TestOrganisers.ORGANISER_PASSWORD)));
    }


    private static String token(String id) {
        return new ManageToken(SECRET).sign(id, Instant.now().plusSeconds(3600));
    }

    private MockHttpServletResponse manage(String id, String lang) throws Exception {
        var request = MockMvcRequestBuilders.get("/registrations/" + id + "/manage").param("token", token(id));
        if (!lang.isEmpty()) {
            request.param("lang", lang);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private MockHttpServletResponse perform(String path, String token) throws Exception {
        var request = MockMvcRequestBuilders.get(path);
        if (token != null) {
            request.param("token", token);
        }
        return mvc.perform(request).andReturn().getResponse();
    }
}
