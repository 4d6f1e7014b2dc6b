package org.rushreg.registration.organiser.attendees;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The cell rules of the CSV export: RFC 4180 quoting, and no cell a spreadsheet would run as a formula. */
class CsvExportTest {

    @Test
    void plainTextStaysAsItIs() {
        assertThat(CsvExport.cell("Zażółć Gęślą")).isEqualTo("Zażółć Gęślą");
        assertThat(CsvExport.cell("")).isEmpty();
    }

    @Test
    void commasQuotesAndLineBreaksAreQuotedWithQuotesDoubled() {
        assertThat(CsvExport.cell("Nowak, Anna")).isEqualTo("\"Nowak, Anna\"");
        assertThat(CsvExport.cell("Biuro \"Plan\"")).isEqualTo("\"Biuro \"\"Plan\"\"\"");
        assertThat(CsvExport.cell("line\nbreak")).isEqualTo("\"line\nbreak\"");
        assertThat(CsvExport.cell("line\r\nbreak")).isEqualTo("\"line\r\nbreak\"");
    }

    @Test
    void cellsThatWouldBeFormulasBecomeText() {
        assertThat(CsvExport.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(CsvExport.cell("+48 12 345")).isEqualTo("'+48 12 345");
        assertThat(CsvExport.cell("-2")).isEqualTo("'-2");
        assertThat(CsvExport.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvExport.cell("\tcmd")).isEqualTo("'\tcmd");
        assertThat(CsvExport.cell("=HYPERLINK(\"x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
        assertThat(CsvExport.cell("a=b")).isEqualTo("a=b");
    }

    @Test
    void withSemicolonsACellIsQuotedForASemicolonNotForAComma() {
        assertThat(CsvExport.cell("Nowak; Anna", ';')).isEqualTo("\"Nowak; Anna\"");
        assertThat(CsvExport.cell("Nowak, Anna", ';')).isEqualTo("Nowak, Anna");
        assertThat(CsvExport.Separator.named("Semicolon")).isEqualTo(CsvExport.Separator.SEMICOLON);
    }
}
