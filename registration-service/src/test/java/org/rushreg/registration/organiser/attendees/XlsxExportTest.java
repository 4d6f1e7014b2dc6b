package org.rushreg.registration.organiser.attendees;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The XLSX export read back with Apache POI: the CSV's table, and no cell a spreadsheet would run as a formula. */
class XlsxExportTest {

    private static Attendee attendee(int i, String firstName) {
        return new Attendee("reg-" + i, "CONFIRMED", null, firstName, "Nowak", "a" + i + "@example.org", "Urząd",
                null, "pl", Instant.parse("2030-01-02T03:04:05Z"), null, false,
                List.of(new Attendee.SessionState("walk", "CONFIRMED", null)));
    }

    @Test
    void everyRegistrationIsARowUnderTheHeaderAsTheCsvHasThem() throws Exception {
        List<Attendee> attendees = IntStream.range(0, 250).mapToObj(i -> attendee(i, "Zażółć " + i)).toList();

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(
                XlsxExport.of(List.of("plenary", "walk"), attendees)))) {
            Sheet sheet = workbook.getSheet(XlsxExport.SHEET);
            assertThat(sheet.getLastRowNum()).isEqualTo(250);
            assertThat(text(sheet, 0)).isEqualTo(ExportRows.header(List.of("plenary", "walk")));
            for (int i = 0; i < 250; i++) {
                assertThat(text(sheet, i + 1)).isEqualTo(ExportRows.row(attendees.get(i), List.of("plenary", "walk")));
            }
            assertThat(text(sheet, 1)).containsExactly("reg-0", "CONFIRMED", "", "Zażółć 0", "Nowak",
                    "a0@example.org", "Urząd", "", "pl", "2030-01-02T03:04:05Z", "", "false", "", "CONFIRMED");
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
        }
    }

    @Test
    void whatWouldRunAsAFormulaStaysTextWithExcelsQuotePrefix() throws Exception {
        List<String> typed = List.of("=1+1", "+48 12 345", "-2", "@SUM(A1)", "\tcmd", "a=b");
        List<Attendee> attendees = IntStream.range(0, typed.size()).mapToObj(i -> attendee(i, typed.get(i))).toList();

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(XlsxExport.of(List.of(),
                attendees)))) {
            Sheet sheet = workbook.getSheet(XlsxExport.SHEET);
            for (int i = 0; i < typed.size(); i++) {
                Cell firstName = sheet.getRow(i + 1).getCell(3);
                assertThat(firstName.getCellType()).isEqualTo(CellType.STRING);
                assertThat(firstName.getStringCellValue()).isEqualTo(typed.get(i));
                assertThat(firstName.getCellStyle().getQuotePrefixed()).as(typed.get(i))
                        .isEqualTo(!typed.get(i).equals("a=b"));
            }
        }
    }

    private static List<String> text(Sheet sheet, int row) {
        return IntStream.range(0, sheet.getRow(row).getLastCellNum())
                .mapToObj(i -> sheet.getRow(row).getCell(i).getStringCellValue()).toList();
    }
}
