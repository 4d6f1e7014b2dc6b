package org.rushreg.registration.organiser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.rushreg.registration.TestOrganisers.ORGANISER;
import static org.rushreg.registration.TestOrganisers.ORGANISER_PASSWORD;
import static org.rushreg.registration.TestOrganisers.VIEWER;
import static org.rushreg.registration.TestOrganisers.VIEWER_PASSWORD;
import static org.rushreg.registration.organiser.OrganiserSecurityTest.loggedInAs;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.rushreg.messages.CancelRegistration;
import org.rushreg.messages.tickets.QrReading;
import org.rushreg.messages.tickets.Ticket;
import org.rushreg.messages.tickets.TicketCode;
import org.rushreg.registration.ServiceTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;

/**
 * The organiser's attendee list: search, exports (CSV checked byte for byte and XLSX read back, on Polish letters and
 * on a name that would be a spreadsheet formula), cancelling on someone's behalf, and the audit log of all of it.
 * Each test makes an event of its own; decisions are written into the read model as the decision projection would.
 */
class OrganiserAttendeesTest extends ServiceTestSupport {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    private String newEvent() {
        String id = OrganiserEventsTest.newEventId();
        var answer = send("PUT", "/api/organiser/events/" + id, "application/json",
                JSON.writeValueAsString(OrganiserEventsTest.event(id, 1, 30)),
                Map.of("Authorization", basic(ORGANISER, ORGANISER_PASSWORD)));
        assertThat(answer.status()).isEqualTo(201);
        return id;
    }

    private String register(String eventId, String firstName, String lastName, String email, String organisation,
                            String... sessionIds) {
        var body = with(with(with(with(registration(sessionIds), "firstName", firstName), "lastName", lastName),
                "email", email), "organisation", organisation);
        var answer = postJson("/api/events/" + eventId + "/registrations", body, Map.of());
        assertThat(answer.status()).isEqualTo(202);
        String id = JSON.readTree(answer.body()).get("registrationId").asString();
        awaitRecorded(id);
        return id;
    }

    /** Sets what the decision projection would have written, at a fixed time so the export is known to the byte. */
    private void decide(String registrationId, String status, String... sessionStatuses) {
        jdbc.sql("update registrations set status = :status, created_at = '2030-01-02T03:04:05Z', "
                        + "decided_at = '2030-01-02T03:04:06Z' where id = :id")
                .param("status", status).param("id", registrationId).update();
        for (int i = 0; i < sessionStatuses.length; i++) {
            String[] state = sessionStatuses[i].split(" ");
            jdbc.sql("update registration_sessions set status = :status, waitlist_position = :position "
                            + "where registration_id = :id and position = :i")
                    .param("status", state[0]).param("position", state.length > 1 ? Integer.valueOf(state[1]) : null)
                    .param("id", registrationId).param("i", i).update();
        }
    }

    private HttpResponse<byte[]> download(String path, String user, String password) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", basic(user, password)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private List<Map<String, Object>> auditOf(String eventId) {
        return jdbc.sql("select actor, action, registration_id, detail from organiser_actions where event_id = :event "
                        + "order by id")
                .param("event", eventId).query().listOfRows();
    }

    @Test
    void nameBadgesPrintTheConfirmedPeopleWithQrCodesThatCheckThemIn() throws Exception {
        String event = newEvent();
        String zofia = register(event, "Zofia", "Żak", "badge.zak@example.org", "Urząd Marszałkowski", "plenary");
        String adam = register(event, "Adam", "Ąbrowski", "badge.abrowski@example.org", "", "plenary");
        String waiting = register(event, "Wit", "Czekający", "badge.wit@example.org", "Gmina", "plenary");
        decide(zofia, "CONFIRMED", "CONFIRMED");
        decide(adam, "CONFIRMED", "CONFIRMED");
        decide(waiting, "WAITLISTED", "WAITLISTED 1");
        String publicKey = JSON.readTree(get("/api/tickets/public-key").body()).path("publicKey").asString();

        var answer = download("/api/organiser/events/" + event + "/badges.pdf", VIEWER, VIEWER_PASSWORD);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(answer.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"" + event + "-badges.pdf\"");
        java.nio.file.Files.write(java.nio.file.Path.of("target", "badges.pdf"), answer.body());
        try (PDDocument badges = Loader.loadPDF(answer.body())) {
            // the confirmed two, by last name as a Polish list sorts (Ą before Ż); nobody on the waitlist
            assertThat(badges.getNumberOfPages()).isEqualTo(2);
            assertThat(badges.getPage(0).getMediaBox().getWidth()).isCloseTo(PDRectangle.A6.getWidth(), within(1f));
            List<String> scanned = new ArrayList<>();
            for (int page = 0; page < 2; page++) {
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setStartPage(page + 1);
                stripper.setEndPage(page + 1);
                String text = stripper.getText(badges);
                assertThat(text).doesNotContain("Czekający");
                String code = QrReading.textOf(new PDFRenderer(badges).renderImageWithDPI(page, 200));
                Ticket ticket = TicketCode.verifyingWith(publicKey).verify(code).orElseThrow();
                assertThat(ticket.eventId()).isEqualTo(event);
                assertThat(text).contains(ticket.shortCode());
                scanned.add(ticket.registrationId());
                assertThat(text).contains(page == 0 ? "Adam Ąbrowski" : "Zofia Żak");
            }
            assertThat(scanned).containsExactly(adam, zofia);
            assertThat(new PDFTextStripper().getText(badges)).contains("Urząd Marszałkowski");
        }

        var chosen = download("/api/organiser/events/" + event + "/badges.pdf?size=a7&registrationIds=" + zofia + ","
                + waiting, ORGANISER, ORGANISER_PASSWORD);
        try (PDDocument badges = Loader.loadPDF(chosen.body())) {
            assertThat(badges.getNumberOfPages()).as("the one confirmed among those chosen").isEqualTo(1);
            assertThat(badges.getPage(0).getMediaBox().getWidth()).isCloseTo(74 * 72 / 25.4f, within(1f));
            assertThat(new PDFTextStripper().getText(badges)).contains("Zofia Żak");
        }

        var badSize = download("/api/organiser/events/" + event + "/badges.pdf?size=B9", ORGANISER,
                ORGANISER_PASSWORD);
        assertThat(badSize.statusCode()).isEqualTo(400);
        assertThat(new String(badSize.body(), StandardCharsets.UTF_8)).contains("A5, A6, A7");
        var anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/organiser/events/" + event + "/badges.pdf")).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(auditOf(event)).extracting(r -> r.get("action"))
                .containsExactly("EVENT_CREATED", "EXPORT_BADGES", "EXPORT_BADGES");
        assertThat(auditOf(event)).extracting(r -> r.get("detail")).contains("2 badges", "1 badges");
        assertThat(auditOf(event).toString()).doesNotContain("Żak", "badge.zak");
    }

    @Test
    void theCsvExportIsUtf8WithBomQuotedAndSafeAgainstFormulas() throws Exception {
        String event = newEvent();
        String polish = register(event, "Zażółć", "Gęślą", "zazolc@example.org", "Urząd Miasta Łodzi",
                "plenary", "walk");
        String formula = register(event, "=HYPERLINK(\"http://evil.example\",\"x\")", "Nowak, \"Junior\"",
                "formula@example.org", "+48 Fundacja", "walk");
        decide(polish, "CONFIRMED", "CONFIRMED", "WAITLISTED 1");
        decide(formula, "WAITLISTED", "WAITLISTED 2");

        var answer = download("/api/organiser/events/" + event + "/registrations.csv", VIEWER, VIEWER_PASSWORD);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
        assertThat(answer.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"" + event + "-registrations.csv\"");

        String header = "registrationId,status,reason,firstName,lastName,email,organisation,sector,locale,"
                + "registeredAt,decidedAt,optionalConsent,plenary,walk\r\n";
        String first = polish + ",CONFIRMED,,Zażółć,Gęślą,zazolc@example.org,Urząd Miasta Łodzi,,pl,"
                + "2030-01-02T03:04:05Z,2030-01-02T03:04:06Z,false,CONFIRMED,WAITLISTED\r\n";
        String second = formula + ",WAITLISTED,,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\","
                + "\"Nowak, \"\"Junior\"\"\",formula@example.org,'+48 Fundacja,,pl,"
                + "2030-01-02T03:04:05Z,2030-01-02T03:04:06Z,false,,WAITLISTED\r\n";
        // The two rows were registered at the same moment: their order is by id.
        String rows = polish.compareTo(formula) < 0 ? first + second : second + first;
        byte[] expected = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                (header + rows).getBytes(StandardCharsets.UTF_8));
        assertThat(answer.body()).isEqualTo(expected);
        // "ż" is C5 BC in UTF-8, not a question mark or a Latin-2 byte.
        assertThat(new String(answer.body(), StandardCharsets.ISO_8859_1)).contains("Za\u00c5\u00bc\u00c3\u00b3");

        assertThat(auditOf(event)).extracting(r -> r.get("action")).containsExactly("EVENT_CREATED", "EXPORT_CSV");
        assertThat(auditOf(event).get(1)).containsEntry("actor", VIEWER).containsEntry("detail", "2 registrations");
    }

    @Test
    void theCsvExportForExcelWithPolishSettingsIsSemicolonSeparated() throws Exception {
        String event = newEvent();
        String id = register(event, "Anna; Maria", "Nowak, Kowalska", "anna.maria@example.org", "Urząd; Wydział",
                "walk");
        decide(id, "CONFIRMED", "CONFIRMED");

        var answer = download("/api/organiser/events/" + event + "/registrations.csv?separator=semicolon", VIEWER,
                VIEWER_PASSWORD);
        assertThat(answer.statusCode()).isEqualTo(200);
        String text = new String(answer.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFregistrationId;status;reason;firstName;lastName;email;organisation;");
        // a semicolon inside a cell is quoted; a comma is plain text now
        assertThat(text).contains(";\"Anna; Maria\";Nowak, Kowalska;anna.maria@example.org;\"Urząd; Wydział\";");

        var wrong = download("/api/organiser/events/" + event + "/registrations.csv?separator=tab", VIEWER,
                VIEWER_PASSWORD);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(new String(wrong.body(), StandardCharsets.UTF_8)).contains("comma or semicolon");
    }

    @Test
    void theXlsxExportReadsBackWithEveryRowAndKeepsFormulasText() throws Exception {
        String event = newEvent();
        String polish = register(event, "Zażółć", "Gęślą", "xlsx.zg@example.org", "Urząd Miasta Łodzi",
                "plenary", "walk");
        String formula = register(event, "=HYPERLINK(\"http://evil.example\",\"x\")", "Nowak; \"Junior\"",
                "xlsx.formula@example.org", "+48 Fundacja", "walk");
        decide(polish, "CONFIRMED", "CONFIRMED", "WAITLISTED 1");
        decide(formula, "WAITLISTED", "WAITLISTED 2");

        var answer = download("/api/organiser/events/" + event + "/registrations.xlsx", VIEWER, VIEWER_PASSWORD);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(answer.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"" + event + "-registrations.xlsx\"");

        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(answer.body()))) {
            var sheet = workbook.getSheet("registrations");
            assertThat(sheet.getPhysicalNumberOfRows()).isEqualTo(3);
            assertThat(cells(sheet.getRow(0))).containsExactly("registrationId", "status", "reason", "firstName",
                    "lastName", "email", "organisation", "sector", "locale", "registeredAt", "decidedAt",
                    "optionalConsent", "plenary", "walk");
            var rows = IntStream.rangeClosed(1, 2).mapToObj(sheet::getRow).toList();
            var polishRow = rows.stream().filter(r -> r.getCell(0).getStringCellValue().equals(polish)).findFirst()
                    .orElseThrow();
            assertThat(cells(polishRow)).containsExactly(polish, "CONFIRMED", "", "Zażółć", "Gęślą",
                    "xlsx.zg@example.org", "Urząd Miasta Łodzi", "", "pl", "2030-01-02T03:04:05Z",
                    "2030-01-02T03:04:06Z", "false", "CONFIRMED", "WAITLISTED");
            var formulaRow = rows.stream().filter(r -> r.getCell(0).getStringCellValue().equals(formula)).findFirst()
                    .orElseThrow();
            // the value is what was typed, held as text that stays text when edited (Excel's quote prefix)
            var name = formulaRow.getCell(3);
            assertThat(name.getCellType()).isEqualTo(CellType.STRING);
            assertThat(name.getStringCellValue()).isEqualTo("=HYPERLINK(\"http://evil.example\",\"x\")");
            assertThat(name.getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(formulaRow.getCell(6).getStringCellValue()).isEqualTo("+48 Fundacja");
            assertThat(formulaRow.getCell(6).getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(formulaRow.getCell(4).getStringCellValue()).isEqualTo("Nowak; \"Junior\"");
            assertThat(formulaRow.getCell(4).getCellStyle().getQuotePrefixed()).isFalse();
            for (var row : sheet) {
                for (var cell : row) {
                    assertThat(cell.getCellType()).as("cell %s", cell.getAddress())
                            .isEqualTo(CellType.STRING);
                }
            }
        }
        assertThat(auditOf(event)).extracting(r -> r.get("action")).containsExactly("EVENT_CREATED", "EXPORT_XLSX");
        var anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/organiser/events/" + event + "/registrations.xlsx")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(auditOf(event).get(1)).containsEntry("actor", VIEWER).containsEntry("detail", "2 registrations");
    }

    private static List<String> cells(Row row) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < row.getLastCellNum(); i++) {
            cells.add(row.getCell(i).getStringCellValue());
        }
        return cells;
    }

    @Test
    void theJsonExportHasEachRegistrationWithItsSessions() throws Exception {
        String event = newEvent();
        String id = register(event, "Zażółć", "Gęślą", "json@example.org", "Urząd", "plenary", "walk");
        decide(id, "CONFIRMED", "CONFIRMED", "WAITLISTED 4");
        var answer = download("/api/organiser/events/" + event + "/registrations.json", ORGANISER, ORGANISER_PASSWORD);
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode registration = JSON.readTree(new String(answer.body(), StandardCharsets.UTF_8)).get(0);
        assertThat(registration.get("registrationId").asString()).isEqualTo(id);
        assertThat(registration.get("firstName").asString()).isEqualTo("Zażółć");
        assertThat(registration.get("sessions").get(1).get("status").asString()).isEqualTo("WAITLISTED");
        assertThat(registration.get("sessions").get(1).get("waitlistPosition").asInt()).isEqualTo(4);
        assertThat(auditOf(event)).extracting(r -> r.get("action")).contains("EXPORT_JSON");
    }

    @Test
    void theAttendeePageFindsByNameEmailOrOrganisationAndLinksTheExports() throws Exception {
        String event = newEvent();
        register(event, "Zażółć", "Gęślą", "zg@example.org", "Urząd Miasta Łodzi", "walk");
        register(event, "Anna", "Nowak", "anna.nowak@example.org", "Politechnika Krakowska", "walk");
        String page = "/organiser/events/" + event + "/attendees";

        var all = mvc.perform(MockMvcRequestBuilders.get(page).with(loggedInAs(VIEWER))).andReturn().getResponse();
        assertThat(all.getStatus()).isEqualTo(200);
        assertThat(all.getContentAsString()).contains("Zażółć Gęślą").contains("Anna Nowak")
                .contains("href=\"/organiser/events/" + event + "/registrations.csv\"")
                .contains("href=\"/organiser/events/" + event + "/registrations.csv?separator=semicolon\"")
                .contains("href=\"/organiser/events/" + event + "/registrations.xlsx\"")
                .contains("href=\"/organiser/events/" + event + "/registrations.json\"")
                .doesNotContain("Anuluj rejestrację");
        for (String query : new String[] {"gęślą", "ZG@EXAMPLE", "łodzi"}) {
            var found = mvc.perform(MockMvcRequestBuilders.get(page).param("q", query).with(loggedInAs(ORGANISER)))
                    .andReturn().getResponse().getContentAsString();
            assertThat(found).as(query).contains("Zażółć Gęślą").doesNotContain("Anna Nowak")
                    .contains("Anuluj rejestrację");
        }
        var none = mvc.perform(MockMvcRequestBuilders.get(page).param("q", "%").with(loggedInAs(ORGANISER)))
                .andReturn().getResponse().getContentAsString();
        assertThat(none).contains("Znalezione rejestracje: 0");
    }

    @Test
    void anOrganiserCancelsOnSomeonesBehalfAndTheAuditNamesOnlyTheRegistration() throws Exception {
        String event = newEvent();
        String id = register(event, "Zażółć", "Gęślą", "cancel@example.org", "Urząd", "plenary");
        String cancel = "/organiser/events/" + event + "/attendees/" + id + "/cancel";

        assertThat(mvc.perform(post(cancel).with(loggedInAs(ORGANISER))).andReturn().getResponse().getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(post(cancel).with(loggedInAs(VIEWER)).with(csrf())).andReturn().getResponse()
                .getStatus()).isEqualTo(403);
        var done = mvc.perform(post(cancel).with(loggedInAs(ORGANISER)).with(csrf())).andReturn().getResponse();
        assertThat(done.getStatus()).isEqualTo(302);
        assertThat(done.getRedirectedUrl()).isEqualTo("/organiser/events/" + event + "/attendees");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(commandLog().commands().stream()
                    .filter(CancelRegistration.class::isInstance).map(CancelRegistration.class::cast)
                    .filter(c -> c.registrationId().equals(id)).toList())
                    .singleElement().satisfies(c -> assertThat(c.eventId()).isEqualTo(event));
        });
        var entries = auditOf(event);
        assertThat(entries).extracting(r -> r.get("action")).containsExactly("EVENT_CREATED", "REGISTRATION_CANCELLED");
        assertThat(entries.get(1)).containsEntry("actor", ORGANISER).containsEntry("registration_id", id);
        assertThat(entries.toString()).doesNotContain("Zażółć").doesNotContain("Gęślą").doesNotContain("cancel@example");

        var audit = mvc.perform(MockMvcRequestBuilders.get("/organiser/audit").param("event", event)
                .with(loggedInAs(VIEWER))).andReturn().getResponse();
        assertThat(audit.getStatus()).isEqualTo(200);
        assertThat(audit.getContentAsString()).contains(id).contains("anulowanie rejestracji")
                .contains("utworzenie wydarzenia").doesNotContain("Zażółć");
    }

    @Test
    void theApiCancelsForProgramsAndSaysWhenThereIsNothingToCancel() {
        String event = newEvent();
        String id = register(event, "Jan", "Kowalski", "jan.api@example.org", "Urząd", "plenary");
        String path = "/api/organiser/events/" + event + "/registrations/" + id + "/cancel";
        var auth = Map.of("Authorization", basic(ORGANISER, ORGANISER_PASSWORD));
        var first = send("POST", path, null, null, auth);
        assertThat(first.status()).isEqualTo(202);
        assertThat(first.body()).contains("REQUESTED");
        decide(id, "CANCELLED", "CANCELLED");
        assertThat(send("POST", path, null, null, auth).body()).contains("NOTHING_TO_CANCEL");
        var unknown = send("POST", "/api/organiser/events/" + event + "/registrations/" + UUID.randomUUID()
                + "/cancel", null, null, auth);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
