package org.rushreg.registration.organiser.attendees;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The attendee list as CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line break in
 * double quotes, quotes doubled), in UTF-8 with a byte order mark so that Excel shows Polish letters. One row per
 * registration, one column per session with its status there (empty when not asked for).
 *
 * <p>A spreadsheet runs a cell that starts with {@code = + - @} (or a tab or carriage return) as a formula; a
 * registrant could type such a name to attack whoever opens the export. Such cells get a leading apostrophe,
 * which makes them text (OWASP "CSV injection").
 */
final class CsvExport {

    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private static final List<String> COLUMNS = List.of("registrationId", "status", "reason", "firstName",
            "lastName", "email", "organisation", "sector", "locale", "registeredAt", "decidedAt");

    private CsvExport() {
    }

    static byte[] of(List<String> sessionIds, List<Attendee> attendees) {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(COLUMNS);
        header.addAll(sessionIds);
        line(csv, header);
        for (Attendee a : attendees) {
            List<String> row = new ArrayList<>(List.of(a.registrationId(), a.status(), text(a.reason()),
                    text(a.firstName()), text(a.lastName()), text(a.email()), text(a.organisation()),
                    text(a.sector()), text(a.locale()), text(a.registeredAt()), text(a.decidedAt())));
            for (String sessionId : sessionIds) {
                Attendee.SessionState state = a.session(sessionId);
                row.add(state == null ? "" : state.status());
            }
            line(csv, row);
        }
        byte[] text = csv.toString().getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, withBom, 0, BOM.length);
        System.arraycopy(text, 0, withBom, BOM.length, text.length);
        return withBom;
    }

    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            csv.append(i == 0 ? "" : ",").append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
