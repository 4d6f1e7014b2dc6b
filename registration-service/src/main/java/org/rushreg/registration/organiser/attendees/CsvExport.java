package org.rushreg.registration.organiser.attendees;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The attendee list as CSV (RFC 4180: CRLF line ends, fields with the separator, a quote or a line break in double
 * quotes, quotes doubled), in UTF-8 with a byte order mark so that Excel shows Polish letters. One row per
 * registration, one column per session with its status there (empty when not asked for).
 *
 * <p>The separator is a comma (RFC 4180, what tools read) or a semicolon: Excel splits a CSV file by the list
 * separator of the system's regional settings, which is a semicolon wherever the decimal mark is a comma (Polish
 * settings among them), and opens a comma-separated file there in one column. Excel's own "sep=;" first line would
 * fix the separator but makes Excel ignore the byte order mark, and the Polish letters break.
 *
 * <p>A cell a spreadsheet would run as a formula ({@link ExportRows#runsAsFormula}) gets a leading apostrophe, which
 * makes it text.
 */
final class CsvExport {

    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private CsvExport() {
    }

    /** The two separators offered, by the name the export's {@code separator} parameter takes. */
    enum Separator {
        COMMA(','), SEMICOLON(';');

        final char character;

        Separator(char character) {
            this.character = character;
        }

        /** @throws IllegalArgumentException naming the accepted values */
        static Separator named(String name) {
            for (Separator separator : values()) {
                if (separator.name().equalsIgnoreCase(name.strip())) {
                    return separator;
                }
            }
            throw new IllegalArgumentException("separator must be comma or semicolon (semicolon for Excel with Polish "
                    + "or other regional settings whose decimal mark is a comma), not '" + name + "'");
        }
    }

    static byte[] of(List<String> sessionIds, List<Attendee> attendees) {
        return of(sessionIds, attendees, Separator.COMMA);
    }

    static byte[] of(List<String> sessionIds, List<Attendee> attendees, Separator separator) {
        StringBuilder csv = new StringBuilder();
        line(csv, ExportRows.header(sessionIds), separator.character);
        for (Attendee a : attendees) {
            line(csv, ExportRows.row(a, sessionIds), separator.character);
        }
        byte[] text = csv.toString().getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, withBom, 0, BOM.length);
        System.arraycopy(text, 0, withBom, BOM.length, text.length);
        return withBom;
    }

    static String cell(String value) {
        return cell(value, ',');
    }

    static String cell(String value, char separator) {
        String safe = ExportRows.runsAsFormula(value) ? "'" + value : value;
        if (safe.indexOf(separator) >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }

    private static void line(StringBuilder csv, List<String> cells, char separator) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(separator);
            }
            csv.append(cell(cells.get(i), separator));
        }
        csv.append("\r\n");
    }
}
