package org.rushreg.registration.organiser.attendees;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The attendee list as an Excel workbook (Office Open XML, .xlsx): the table of the CSV export ({@link ExportRows})
 * on one sheet, every cell text, the header row bold and frozen. Excel opens it in columns whatever the regional
 * settings, and Polish letters need no byte order mark.
 *
 * <p>A text cell is never run when the file is opened, but one that starts like a formula would be once someone edits
 * it and presses Enter; such cells carry Excel's "quote prefix" (what typing a leading apostrophe sets), which keeps
 * them text then too, while the value stays exactly what the registrant typed.
 *
 * <p>Rows are streamed to a temporary file as they are written (Apache POI's SXSSF, 100 rows in memory), so a large
 * event's export needs little memory.
 */
final class XlsxExport {

    static final String SHEET = "registrations";

    private static final int ROWS_IN_MEMORY = 100;

    private XlsxExport() {
    }

    static byte[] of(List<String> sessionIds, List<Attendee> attendees) {
        SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
        try (workbook) {
            Sheet sheet = workbook.createSheet(SHEET);
            CellStyle header = workbook.createCellStyle();
            Font bold = workbook.createFont();
            bold.setBold(true);
            header.setFont(bold);
            CellStyle quoted = workbook.createCellStyle();
            quoted.setQuotePrefixed(true);
            write(sheet.createRow(0), ExportRows.header(sessionIds), header, quoted);
            sheet.createFreezePane(0, 1);
            int rowNumber = 1;
            for (Attendee attendee : attendees) {
                write(sheet.createRow(rowNumber++), ExportRows.row(attendee, sessionIds), null, quoted);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the XLSX export failed", e);
        } finally {
            workbook.dispose();
        }
    }

    private static void write(Row row, List<String> values, CellStyle style, CellStyle quoted) {
        for (int i = 0; i < values.size(); i++) {
            Cell cell = row.createCell(i);
            String value = values.get(i);
            cell.setCellValue(value);
            if (ExportRows.runsAsFormula(value)) {
                cell.setCellStyle(quoted);
            } else if (style != null) {
                cell.setCellStyle(style);
            }
        }
    }
}
